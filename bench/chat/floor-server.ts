import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';

/**
 * The floor: a bare socket.io server doing the platform's fan-out and nothing else — no session, no access check, no
 * database. A client joins the room it names; a message sent is numbered and emitted to the room at the end of the
 * event loop's turn, shaped and sized like the platform's message. With a Redis address, several of these share rooms through the same adapter as
 * the api. Prints "ready" when it listens.
 */
async function main(): Promise<void> {
  const [port, redisUrl, streamName] = process.argv.slice(2);
  const http = createServer();
  const server = new Server(http, { path: '/socket.io', serveClient: false, cors: { origin: false } });
  if (redisUrl) {
    const client = createClient({ url: redisUrl });
    await client.connect();
    server.adapter(createAdapter(client, { streamName }));
  }
  let seq = 0;
  // Messages ready in the same turn of the event loop go out together, as the api's RealtimeService.emitCoalesced does.
  const pending = new Map<string, unknown[]>();
  const flush = () => {
    for (const [room, messages] of pending) server.to(room).emit('messages:created', messages);
    pending.clear();
  };
  server.on('connection', (socket) => {
    socket.on('room:join', (room: string, answer: (result: { ok: boolean }) => void) => {
      void socket.join(room);
      answer({ ok: true });
    });
    socket.on(
      'message:send',
      (request: { channelId: string; clientId: string; body: string }, answer: (result: unknown) => void) => {
        seq += 1;
        const message = {
          id: randomUUID(),
          channelId: request.channelId,
          seq,
          clientId: request.clientId,
          author: { id: randomUUID(), displayName: 'Membre de banc 0', handle: 'banc.0' },
          html: `<p>${request.body}</p>\n`,
          markdown: request.body,
          parentSeq: null,
          createdAt: new Date().toISOString(),
          editedAt: null,
          deleted: false,
          reactions: [],
        };
        const room = `channel:${request.channelId}`;
        if (pending.size === 0) setImmediate(flush);
        pending.set(room, [...(pending.get(room) ?? []), message]);
        answer({ ok: true, message });
      },
    );
  });
  http.listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));
}

void main();
