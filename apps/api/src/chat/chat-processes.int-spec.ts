import { randomUUID } from 'node:crypto';

import type { Message } from '@maillage/contracts';

import { type ClientSocket, connectSocket } from '../../test/sockets';
import { createTestContext, type TestContext } from '../../test/test-app';
import { PRESENCE_BATCH_MS } from '../realtime/realtime.service';

const redisUrl = process.env.MAILLAGE_TEST_REDIS_URL;
if (!redisUrl) {
  console.warn(
    'SKIPPED: two api processes sharing socket.io events through Redis — no Redis answered (set REDIS_URL).',
  );
}

/** Two api processes on one database, as the compose file runs them, sharing socket.io events through Redis. */
(redisUrl ? describe : describe.skip)('two api processes with Redis', () => {
  let first: TestContext;
  let second: TestContext;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    const stream = `maillage-test:${randomUUID()}`;
    first = await createTestContext({ REDIS_URL: redisUrl!, REALTIME_STREAM: stream });
    second = await createTestContext({
      REDIS_URL: redisUrl!,
      REALTIME_STREAM: stream,
      DATABASE_URL: first.config.databaseUrl!,
      MEILI_INDEX_PREFIX: first.config.meiliIndexPrefix,
    });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    // Let the presence broadcast of the closed sockets ask both processes while both still answer.
    await new Promise((wake) => setTimeout(wake, PRESENCE_BATCH_MS + 200));
    await second?.close();
    await first?.close();
  });

  it('delivers to a client of one process what is sent through the other', async () => {
    const firstUrl = await first.listen();
    const reader = await first.makeMember();
    const readerClient = await first.loginAs(reader);
    const socket = await connectSocket(firstUrl, await first.cookieOf(readerClient), sockets);
    const regional = await first.spaceBySlug('reseau-regional');
    const channels = await readerClient.get(`/api/v1/spaces/${regional.id}/channels`);
    const channelId = channels.body.items[0].id as string;
    expect(await socket.timeout(2000).emitWithAck('room:join', `channel:${channelId}`)).toEqual({ ok: true });
    const received = new Promise<Message[]>((resolve) => socket.once('messages:created', resolve));

    const writer = await second.signedInMember();
    const sent = await writer.client.post(`/api/v1/channels/${channelId}/messages`, {
      clientId: randomUUID(),
      body: 'Envoyé par l’autre processus',
    });
    expect(sent.status).toBe(201);
    expect(await received).toEqual([sent.body]);
  });
});
