/**
 * Server-to-client socket.io events. Payloads are small: the client refetches what it needs (outline's habit).
 * Rooms: `space:<id>`, `topic:<id>`, `user:<id>` (joined automatically).
 */
export interface ServerToClientEvents {
  'post:created': (payload: { topicId: string; postId: string; number: number; authorId: string | null }) => void;
  'post:updated': (payload: { topicId: string; postId: string; number: number }) => void;
  'post:deleted': (payload: { topicId: string; postId: string; number: number }) => void;
  'topic:updated': (payload: { topicId: string; spaceId: string; lastPostNumber: number; postCount: number }) => void;
  'notification:created': (payload: { id: string; unreadCount: number }) => void;
}

export type RoomJoinAnswer = { ok: true } | { ok: false; error: 'not-found' | 'invalid-room' };

export interface ClientToServerEvents {
  'room:join': (room: string, answer: (result: RoomJoinAnswer) => void) => void;
  'room:leave': (room: string) => void;
}
