import type { Message, SendMessageRequest } from './chat';

/**
 * Server-to-client socket.io events. Payloads are small: the client refetches what it needs (outline's habit) — but
 * for chat messages, which carry the message itself: everyone in a channel sees the same message, and a refetch by
 * each of them would multiply every message by the size of the room.
 * Rooms: `space:<id>`, `topic:<id>`, `channel:<id>`, `user:<id>` (joined automatically).
 */
export interface ServerToClientEvents {
  'post:created': (payload: { topicId: string; postId: string; number: number; authorId: string | null }) => void;
  'post:updated': (payload: { topicId: string; postId: string; number: number }) => void;
  'post:deleted': (payload: { topicId: string; postId: string; number: number }) => void;
  'topic:updated': (payload: { topicId: string; spaceId: string; lastPostNumber: number; postCount: number }) => void;
  'notification:created': (payload: { id: string; unreadCount: number }) => void;
  /**
   * New messages of one channel, in the order they were numbered: one when the server is idle, several that became
   * ready together when it is busy (one frame per client instead of one per message).
   */
  'messages:created': (messages: Message[]) => void;
  /** Edited, deleted (a tombstone) or reacted to. */
  'message:updated': (message: Message) => void;
  /** Someone is writing in a channel I joined; sent at most every few seconds per writer. */
  'typing:changed': (payload: { channelId: string; userId: string; displayName: string }) => void;
  /** Members whose status changed, gathered for a moment so that a crowd connecting is not told one by one. */
  'presence:changed': (changes: { userId: string; status: PresenceStatus }[]) => void;
}

/** Online while one of a member's tabs is active, away while all of them are idle, offline without a tab. */
export type PresenceStatus = 'online' | 'away' | 'offline';

export type RoomJoinAnswer = { ok: true } | { ok: false; error: 'not-found' | 'invalid-room' };

/** What sending over the socket answers: the message, or why not (the same problems the REST route gives). */
export type SendAnswer =
  | { ok: true; message: Message }
  | { ok: false; error: 'not-found' | 'invalid' | 'rate-limited' | 'unavailable'; detail: string };

export interface ClientToServerEvents {
  'room:join': (room: string, answer: (result: RoomJoinAnswer) => void) => void;
  'room:leave': (room: string) => void;
  'message:send': (request: SendMessageRequest & { channelId: string }, answer: (result: SendAnswer) => void) => void;
  /** I am writing in this channel (a room I joined). */
  typing: (channelId: string) => void;
  /** This tab is idle (true) or active again (false). */
  'presence:away': (away: boolean) => void;
}
