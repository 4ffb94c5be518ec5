/**
 * Server-to-client socket.io events. Payloads are small: the client refetches what it needs (outline's habit).
 * Rooms: `space:<id>`, `topic:<id>`, `channel:<id>`, `user:<id>` (joined automatically).
 */
export interface ServerToClientEvents {
  'post:created': (payload: { topicId: string; postId: string; number: number; authorId: string | null }) => void;
  'post:updated': (payload: { topicId: string; postId: string; number: number }) => void;
  'post:deleted': (payload: { topicId: string; postId: string; number: number }) => void;
  'topic:updated': (payload: { topicId: string; spaceId: string; lastPostNumber: number; postCount: number }) => void;
  'notification:created': (payload: { id: string; unreadCount: number }) => void;
  'message:created': (payload: { channelId: string; seq: number; messageId: string; authorId: string | null }) => void;
  'message:updated': (payload: { channelId: string; seq: number; messageId: string }) => void;
  'message:deleted': (payload: { channelId: string; seq: number; messageId: string }) => void;
}

export type RoomJoinAnswer = { ok: true } | { ok: false; error: 'not-found' | 'invalid-room' };

export interface ClientToServerEvents {
  'room:join': (room: string, answer: (result: RoomJoinAnswer) => void) => void;
  'room:leave': (room: string) => void;
}
