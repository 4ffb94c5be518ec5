import { randomUUID } from 'node:crypto';

import type { Message } from '@maillage/contracts';

import { eventually } from '../../test/eventually';
import { type ClientSocket, connectSocket } from '../../test/sockets';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app';
import { OutboxService } from '../outbox/outbox.service';
import { SEARCH_INDEX } from '../search/search-events';

let context: TestContext;
let baseUrl: string;
let regional: { id: string };
let committee: { id: string };
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  context = await createTestContext();
  baseUrl = await context.listen();
  regional = await context.spaceBySlug('reseau-regional');
  committee = await context.spaceBySlug('comite-directeur');
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await context.close();
});

const connect = (cookie: string) => connectSocket(baseUrl, cookie, sockets);

async function signedIn() {
  const user = await context.makeMember();
  const client = await context.loginAs(user);
  return { user, client, socket: await connect(await context.cookieOf(client)) };
}

/** Makes members of the private Comité directeur (their channels are the private ones of these tests). */
const seatOnCommittee = (...userIds: string[]) =>
  context.dataSource.query('INSERT INTO space_members (space_id, user_id) SELECT $1, unnest($2::uuid[])', [
    committee.id,
    userIds,
  ]);

const join = (socket: ClientSocket, room: string) => socket.timeout(2000).emitWithAck('room:join', room);

async function general(client: TestClient, spaceId = regional.id): Promise<string> {
  const response = await client.get(`/api/v1/spaces/${spaceId}/channels`);
  expect(response.status).toBe(200);
  return response.body.items.find((channel: { name: string }) => channel.name === 'général').id;
}

const send = (client: TestClient, channelId: string, body: string, clientId = randomUUID()) =>
  client.post(`/api/v1/channels/${channelId}/messages`, { clientId, body });

/** Collects the messages a socket hears of (new ones, or changed ones), to wait for a number of them. */
function collect(socket: ClientSocket, event: 'messages:created' | 'message:updated') {
  const received: Message[] = [];
  if (event === 'messages:created') socket.on(event, (messages) => received.push(...messages));
  else socket.on(event, (message) => received.push(message));
  return {
    received,
    atLeast(count: number, milliseconds = 2000) {
      return eventually(
        async () => received,
        (list) => list.length >= count,
        milliseconds,
      );
    },
  };
}

describe('channels and messages', () => {
  it('gives each space a "général" channel, and sends a message that another member receives live', async () => {
    const author = await signedIn();
    const reader = await signedIn();
    const channelId = await general(author.client);
    expect(await join(reader.socket, `channel:${channelId}`)).toEqual({ ok: true });
    const created = collect(reader.socket, 'messages:created');
    const sent = await send(author.client, channelId, 'Bonjour **tout le monde**');
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ html: '<p>Bonjour <strong>tout le monde</strong></p>\n', deleted: false });
    // The event carries the message itself: a thousand readers do not each come back for it.
    expect(await created.atLeast(1)).toEqual([sent.body]);
    const channels = (await reader.client.get('/api/v1/channels')).body.items;
    expect(channels.find((channel: { id: string }) => channel.id === channelId)).toMatchObject({
      lastSeq: sent.body.seq,
      unreadCount: sent.body.seq,
    });
    expect(
      (await reader.client.post(`/api/v1/channels/${channelId}/read`, { lastReadSeq: sent.body.seq })).status,
    ).toBe(204);
    expect((await reader.client.get(`/api/v1/spaces/${regional.id}/channels`)).body.items[0].unreadCount).toBe(0);
  });

  it('keeps one message for a resend with the same client id, even racing itself', async () => {
    const { client } = await signedIn();
    const channelId = await general(client);
    const clientId = randomUUID();
    const [first, second, third] = await Promise.all([
      send(client, channelId, 'Envoi une seule fois', clientId),
      send(client, channelId, 'Envoi une seule fois', clientId),
      send(client, channelId, 'Envoi une seule fois', clientId),
    ]);
    expect(new Set([first.body.id, second.body.id, third.body.id]).size).toBe(1);
    const [{ count }] = await context.dataSource.query(
      'SELECT count(*)::int AS count FROM messages WHERE client_id = $1',
      [clientId],
    );
    expect(count).toBe(1);
    const next = await send(client, channelId, 'Le suivant');
    expect(next.body.seq).toBe(first.body.seq + 1);
  });

  it('answers a resend that raced its first send past the check with the first message, its number not spent', async () => {
    const { client } = await signedIn();
    const channelId = await general(client);
    const clientId = randomUUID();
    const holder = context.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    // Holding the channel's row: both sends find the client id unused, then queue on the row; the second one to get
    // it fails on the unique client id.
    await holder.query('SELECT 1 FROM channels WHERE id = $1 FOR UPDATE', [channelId]);
    const racing = Promise.all([
      send(client, channelId, 'Course', clientId),
      send(client, channelId, 'Course', clientId),
    ]);
    const waiting = async () => {
      const [{ count }] = await context.dataSource.query(
        `SELECT count(*)::int AS count FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%UPDATE channels SET last_seq%'`,
      );
      return count;
    };
    try {
      for (let tries = 0; (await waiting()) < 2 && tries < 200; tries += 1)
        await new Promise((wake) => setTimeout(wake, 10));
      expect(await waiting()).toBe(2);
    } finally {
      await holder.commitTransaction();
      await holder.release();
    }
    const [first, second] = await racing;
    expect(first!.status).toBe(201);
    expect(second!.body).toEqual(first!.body);
    expect((await send(client, channelId, 'La suite')).body.seq).toBe(first!.body.seq + 1);
  });

  it('delivers edits and deletions to every viewer, and keeps a tombstone in the history', async () => {
    const author = await signedIn();
    const viewers = [await signedIn(), await signedIn()];
    const channelId = await general(author.client);
    for (const viewer of viewers) await join(viewer.socket, `channel:${channelId}`);
    const updates = viewers.map((viewer) => collect(viewer.socket, 'message:updated'));
    const message = (await send(author.client, channelId, 'Premier jet')).body;
    const edited = await author.client.patch(`/api/v1/channels/${channelId}/messages/${message.seq}`, {
      body: 'Version corrigée',
    });
    expect(edited.body).toMatchObject({ markdown: 'Version corrigée', editedAt: expect.any(String) });
    expect(
      (await viewers[0]!.client.patch(`/api/v1/channels/${channelId}/messages/${message.seq}`, { body: 'Non' })).status,
    ).toBe(403);
    expect((await author.client.delete(`/api/v1/channels/${channelId}/messages/${message.seq}`)).status).toBe(204);
    for (const update of updates) {
      expect(await update.atLeast(2)).toEqual([
        edited.body,
        expect.objectContaining({ seq: message.seq, deleted: true, markdown: '', html: '' }),
      ]);
    }
    const history = (
      await viewers[1]!.client.get(`/api/v1/channels/${channelId}/messages`).query({ after: message.seq - 1 })
    ).body.items;
    expect(history[0]).toMatchObject({ seq: message.seq, deleted: true, markdown: '', html: '' });
  });

  it('refuses a private space’s channel to a non-member: rooms, history and sending', async () => {
    const insider = await signedIn();
    const outsider = await signedIn();
    await seatOnCommittee(insider.user.id);
    const channelId = await general(insider.client, committee.id);
    expect(await join(outsider.socket, `channel:${channelId}`)).toEqual({ ok: false, error: 'not-found' });
    expect((await outsider.client.get(`/api/v1/channels/${channelId}/messages`)).status).toBe(404);
    expect((await send(outsider.client, channelId, 'Intrus')).status).toBe(404);
    expect((await outsider.client.get(`/api/v1/spaces/${committee.id}/channels`)).status).toBe(404);
    const listed = (await outsider.client.get('/api/v1/channels')).body.items.map(
      (channel: { id: string }) => channel.id,
    );
    expect(listed).not.toContain(channelId);
  });

  it('takes a member removed from a space out of its channel rooms at once', async () => {
    const admin = await context.loginAs(await context.makeMember({ role: 'admin' }));
    const stayer = await signedIn();
    const leaver = await signedIn();
    await seatOnCommittee(stayer.user.id, leaver.user.id);
    const channelId = await general(stayer.client, committee.id);
    expect(await join(leaver.socket, `channel:${channelId}`)).toEqual({ ok: true });
    const heard = collect(leaver.socket, 'messages:created');
    expect((await admin.delete(`/api/v1/spaces/${committee.id}/members/${leaver.user.id}`)).status).toBe(204);
    const stayerHeard = collect(stayer.socket, 'messages:created');
    await join(stayer.socket, `channel:${channelId}`);
    await send(stayer.client, channelId, 'Après le départ');
    await stayerHeard.atLeast(1);
    expect(heard.received).toEqual([]);
  });
});

describe('reactions and mentions', () => {
  it('counts each member’s reaction once, takes it back, tells every viewer, and refuses a deleted message', async () => {
    const author = await signedIn();
    const reactor = await signedIn();
    const channelId = await general(author.client);
    await join(author.socket, `channel:${channelId}`);
    const updates = collect(author.socket, 'message:updated');
    const message = (await send(author.client, channelId, 'Qui vient jeudi?')).body;
    const url = `/api/v1/channels/${channelId}/messages/${message.seq}/reactions`;
    expect(message.reactions).toEqual([]);

    await reactor.client.put(url, { emoji: '🎉', reacted: true });
    await reactor.client.put(url, { emoji: '🎉', reacted: true });
    await author.client.put(url, { emoji: '👍', reacted: true });
    const both = await author.client.put(url, { emoji: '🎉', reacted: true });
    expect(both.status).toBe(200);
    // In the offered order, each with who gave it in the order they did.
    expect(both.body.reactions).toEqual([
      { emoji: '👍', userIds: [author.user.id] },
      { emoji: '🎉', userIds: [reactor.user.id, author.user.id] },
    ]);
    const taken = await reactor.client.put(url, { emoji: '🎉', reacted: false });
    expect(taken.body.reactions).toEqual([
      { emoji: '👍', userIds: [author.user.id] },
      { emoji: '🎉', userIds: [author.user.id] },
    ]);
    expect((await updates.atLeast(5)).at(-1)).toEqual(taken.body);

    const refused = await reactor.client.put(url, { emoji: '🐍', reacted: true });
    expect(refused.status).toBe(400);
    expect((await author.client.delete(`/api/v1/channels/${channelId}/messages/${message.seq}`)).status).toBe(204);
    expect((await reactor.client.put(url, { emoji: '👍', reacted: true })).status).toBe(409);
    const [{ count }] = await context.dataSource.query(
      'SELECT count(*)::int AS count FROM message_reactions WHERE message_id = $1',
      [message.id],
    );
    expect(count).toBe(2);
  });

  it('notifies a mentioned member who may see the channel, never one who may not', async () => {
    const insider = await signedIn();
    const mentioned = await context.makeMember();
    const outsider = await context.makeMember();
    await seatOnCommittee(insider.user.id, mentioned.id);
    const channelId = await general(insider.client, committee.id);
    const sent = await send(insider.client, channelId, `@${mentioned.handle} et @${outsider.handle}, voyez le budget`);
    expect(sent.body.html).toContain(`href="/membres/${mentioned.handle}"`);
    await context.drainOutbox();

    const notified = await context.dataSource.query(
      `SELECT user_id AS "userId", kind, url FROM notifications WHERE dedup_key = $1`,
      [`message:${sent.body.id}`],
    );
    expect(notified).toEqual([{ userId: mentioned.id, kind: 'mention', url: `/discussions/${channelId}` }]);
  });
});

describe('search', () => {
  it('finds a channel message for those who may see its space, and no longer once deleted; never a direct message', async () => {
    const insider = await signedIn();
    const outsider = await signedIn();
    await seatOnCommittee(insider.user.id);
    const channelId = await general(insider.client, committee.id);
    const sent = await send(insider.client, channelId, 'Le financement des cuisines collectives de Trois-Pistoles');
    const direct = await insider.client.post('/api/v1/direct-messages', { userIds: [outsider.user.id] });
    await send(insider.client, direct.body.id, 'Trois-Pistoles en privé');
    // A message is indexed at the end of its ten-second window, with the others of that window: no need to wait here.
    const [due] = await context.dataSource.query(
      `SELECT extract(epoch FROM o.available_at)::float8 AS at, extract(epoch FROM m.created_at)::float8 AS sent
       FROM outbox_events o JOIN messages m ON m.id = (o.payload->>'id')::uuid WHERE o.kind = $1 AND m.id = $2`,
      [SEARCH_INDEX, sent.body.id],
    );
    expect(due.at % 10).toBe(0);
    expect(due.at - due.sent).toBeGreaterThan(0);
    expect(due.at - due.sent).toBeLessThanOrEqual(10);
    await context.app.get(OutboxService).retryNow([SEARCH_INDEX]);
    await context.drainOutbox();
    const found = async (client: TestClient) =>
      (await client.get('/api/v1/search').query({ q: 'trois pistoles cuisines', type: 'message' })).body.items.map(
        (item: { id: string }) => item.id,
      );
    expect(await found(insider.client)).toEqual([sent.body.id]);
    expect(await found(outsider.client)).toEqual([]);
    const admin = await context.loginAs(await context.makeMember({ role: 'admin' }));
    const privately = (await admin.get('/api/v1/search').query({ q: 'privé', type: 'message' })).body.items;
    expect(privately).toEqual([]);

    await insider.client.delete(`/api/v1/channels/${channelId}/messages/${sent.body.seq}`);
    await context.drainOutbox();
    expect(await found(insider.client)).toEqual([]);
  });
});

describe('direct messages', () => {
  it('tells the others of the first message they have not read, not of each one of a burst', async () => {
    const me = await signedIn();
    const friend = await signedIn();
    const channelId = (await me.client.post('/api/v1/direct-messages', { userIds: [friend.user.id] })).body.id;
    const first = (await send(me.client, channelId, 'Tu as une minute?')).body;
    const second = (await send(me.client, channelId, 'C’est pour le comité')).body;
    await context.drainOutbox();
    const kindsOf = async (messageId: string) =>
      (
        await context.dataSource.query('SELECT user_id AS "userId", kind FROM notifications WHERE dedup_key = $1', [
          `message:${messageId}`,
        ])
      ).map((row: { userId: string; kind: string }) => `${row.userId}:${row.kind}`);
    expect(await kindsOf(first.id)).toEqual([`${friend.user.id}:direct-message`]);
    expect(await kindsOf(second.id)).toEqual([]);

    await friend.client.post(`/api/v1/channels/${channelId}/read`, { lastReadSeq: second.seq });
    const third = (await send(me.client, channelId, 'Merci!')).body;
    await context.drainOutbox();
    expect(await kindsOf(third.id)).toEqual([`${friend.user.id}:direct-message`]);
  });

  it('opens one private conversation per set of members, seen by them alone', async () => {
    const me = await signedIn();
    const friend = await signedIn();
    const stranger = await signedIn();
    const admin = await context.loginAs(await context.makeMember({ role: 'admin' }));
    const opened = await me.client.post('/api/v1/direct-messages', { userIds: [friend.user.id] });
    expect(opened.status).toBe(200);
    // Each sees it named after the others in it.
    expect(opened.body).toMatchObject({ direct: true, name: 'général', spaceName: friend.user.displayName });
    const fromFriend = await friend.client.post('/api/v1/direct-messages', { userIds: [me.user.id, me.user.id] });
    expect(fromFriend.body.id).toBe(opened.body.id);
    expect(fromFriend.body.spaceName).toBe(me.user.displayName);
    const trio = await me.client.post('/api/v1/direct-messages', { userIds: [friend.user.id, stranger.user.id] });
    expect(trio.body.id).not.toBe(opened.body.id);
    expect(trio.body.spaceName.split(', ').sort()).toEqual([friend.user.displayName, stranger.user.displayName].sort());

    await send(me.client, opened.body.id, 'Entre nous');
    expect((await friend.client.get(`/api/v1/channels/${opened.body.id}/messages`)).body.items).toHaveLength(1);
    expect((await stranger.client.get(`/api/v1/channels/${opened.body.id}/messages`)).status).toBe(404);
    expect(await join(stranger.socket, `channel:${opened.body.id}`)).toEqual({ ok: false, error: 'not-found' });
    // Not in the spaces directory, and not in another member's channel list, not even an administrator's.
    const spaces = (await me.client.get('/api/v1/spaces')).body.items.map((space: { id: string }) => space.id);
    expect(spaces).not.toContain(opened.body.spaceId);
    const adminChannels = (await admin.get('/api/v1/channels')).body.items.map((channel: { id: string }) => channel.id);
    expect(adminChannels).not.toContain(opened.body.id);
    expect((await me.client.get('/api/v1/channels')).body.items.map((channel: { id: string }) => channel.id)).toContain(
      opened.body.id,
    );
    expect((await me.client.post('/api/v1/direct-messages', { userIds: [me.user.id] })).status).toBe(400);
    // A direct conversation keeps its one channel.
    const second = await me.client.post(`/api/v1/spaces/${opened.body.spaceId}/channels`, { name: 'Autre sujet' });
    expect(second.status).toBe(400);
    expect(second.body.errors).toEqual([{ path: 'params.id', message: expect.stringMatching(/un canal/) }]);
    const intruder = await stranger.client.post(`/api/v1/spaces/${opened.body.spaceId}/channels`, { name: 'Intrus' });
    expect(intruder.status).toBe(404);
    const [{ count }] = await context.dataSource.query(
      'SELECT count(*)::int AS count FROM channels WHERE space_id = $1',
      [opened.body.spaceId],
    );
    expect(count).toBe(1);
  });
});

describe('catch-up after a disconnection', () => {
  it('gives a client forcibly disconnected every message it missed exactly once, in order', async () => {
    const senders = [await signedIn(), await signedIn(), await signedIn()];
    const reader = await signedIn();
    const channelId = await general(reader.client);
    await join(reader.socket, `channel:${channelId}`);
    const seen = collect(reader.socket, 'messages:created');
    await send(senders[0]!.client, channelId, 'Avant la coupure');
    const lastSeen = (await seen.atLeast(1)).at(-1)!.seq;

    reader.socket.disconnect();
    const sent = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        send(senders[index % 3]!.client, channelId, `Pendant la coupure ${index}`),
      ),
    );
    expect(sent.map((response) => response.status)).toEqual(Array(30).fill(201));

    const again = await connect(await context.cookieOf(reader.client));
    await join(again, `channel:${channelId}`);
    const missed = (
      await reader.client.get(`/api/v1/channels/${channelId}/messages`).query({ after: lastSeen, limit: 200 })
    ).body.items as { seq: number; id: string }[];
    expect(missed.map((message) => message.seq)).toEqual(
      Array.from({ length: 30 }, (_, index) => lastSeen + 1 + index),
    );
    expect(new Set(missed.map((message) => message.id))).toEqual(new Set(sent.map((response) => response.body.id)));
  });

  it('pages the history backwards', async () => {
    const { client } = await signedIn();
    const channelId = (await client.post(`/api/v1/spaces/${regional.id}/channels`, { name: 'Pagination' })).body.id;
    for (let index = 1; index <= 5; index += 1) await send(client, channelId, `Message ${index}`);
    const first = (await client.get(`/api/v1/channels/${channelId}/messages`).query({ limit: 2 })).body;
    expect(first.items.map((message: { seq: number }) => message.seq)).toEqual([5, 4]);
    const second = (
      await client.get(`/api/v1/channels/${channelId}/messages`).query({ limit: 2, before: first.nextBefore })
    ).body;
    expect(second.items.map((message: { seq: number }) => message.seq)).toEqual([3, 2]);
    expect((await client.post(`/api/v1/spaces/${regional.id}/channels`, { name: 'pagination' })).status).toBe(409);
    const orphan = await client.post(`/api/v1/channels/${channelId}/messages`, {
      clientId: randomUUID(),
      body: 'Réponse à rien',
      parentSeq: 99,
    });
    expect(orphan.status).toBe(400);
    const threaded = await client.post(`/api/v1/channels/${channelId}/messages`, {
      clientId: randomUUID(),
      body: 'Réponse au troisième',
      parentSeq: 3,
    });
    expect(threaded.body).toMatchObject({ seq: 6, parentSeq: 3 });
  });
});

describe('the socket side', () => {
  it('sends over the socket with an acknowledgement, and a resend answers the same message', async () => {
    const author = await signedIn();
    const channelId = await general(author.client);
    const clientId = randomUUID();
    const first = await author.socket
      .timeout(2000)
      .emitWithAck('message:send', { channelId, clientId, body: 'Par le socket' });
    expect(first).toMatchObject({ ok: true, message: { markdown: 'Par le socket', clientId } });
    const again = await author.socket
      .timeout(2000)
      .emitWithAck('message:send', { channelId, clientId, body: 'Par le socket' });
    expect(again).toEqual(first);
    const refused = await author.socket
      .timeout(2000)
      .emitWithAck('message:send', { channelId: randomUUID(), clientId: randomUUID(), body: 'Nulle part' });
    expect(refused).toMatchObject({ ok: false, error: 'not-found' });
    const invalid = await author.socket.timeout(2000).emitWithAck('message:send', { channelId, body: '' } as never);
    expect(invalid).toMatchObject({ ok: false, error: 'invalid' });
  });

  it('answers a sender only once the message is on disk, and counts it read for them', async () => {
    const { client } = await signedIn();
    const channelId = await general(client);
    const { dataSource } = context;
    await dataSource.query('CREATE EXTENSION IF NOT EXISTS pg_walinspect');
    // The log writer would otherwise flush the message's asynchronous commit within 200 ms, hiding a missing flush.
    await dataSource.query(`ALTER SYSTEM SET wal_writer_delay = '10s'`);
    await dataSource.query('SELECT pg_reload_conf()');
    try {
      const [{ from }] = await dataSource.query('SELECT pg_current_wal_insert_lsn() AS from');
      for (let index = 0; index < 5; index += 1) {
        const sent = await send(client, channelId, `Écrit sur le disque ${index}`);
        expect(sent.status).toBe(201);
        // Whether the commit record of the transaction that wrote the message is in the log already on disk.
        const [commit] = await dataSource.query(
          `SELECT CASE WHEN pg_current_wal_flush_lsn() > $1::pg_lsn THEN EXISTS (
             SELECT 1 FROM messages m JOIN pg_get_wal_records_info($1, pg_current_wal_flush_lsn()) w ON w.xid = m.xmin
             WHERE m.id = $2 AND w.resource_manager = 'Transaction' AND w.record_type = 'COMMIT') ELSE false END
             AS "onDisk"`,
          [from, sent.body.id],
        );
        expect(commit).toEqual({ onDisk: true });
      }
    } finally {
      await dataSource.query('ALTER SYSTEM RESET wal_writer_delay');
      await dataSource.query('SELECT pg_reload_conf()');
    }
    const channels = (await client.get(`/api/v1/spaces/${regional.id}/channels`)).body.items;
    expect(channels.find((channel: { id: string }) => channel.id === channelId).unreadCount).toBe(0);
  });

  it('asks a member sending too fast to wait, over REST and over the socket', async () => {
    const { client, socket } = await signedIn();
    const channelId = await general(client);
    const statuses: number[] = [];
    for (let index = 0; index < 20; index += 1)
      statuses.push((await send(client, channelId, `Rafale ${index}`)).status);
    expect(statuses).toEqual(Array(20).fill(201));
    const limited = await send(client, channelId, 'Un de trop');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('10');
    expect(limited.body).toMatchObject({ type: '/problems/rate-limited', detail: expect.stringContaining('attendez') });
    const overSocket = await socket
      .timeout(2000)
      .emitWithAck('message:send', { channelId, clientId: randomUUID(), body: 'Encore' });
    expect(overSocket).toMatchObject({ ok: false, error: 'rate-limited' });
  });

  it('passes typing on to the others in the channel, throttled, never to the writer', async () => {
    const writer = await signedIn();
    const reader = await signedIn();
    const channelId = await general(writer.client);
    await join(writer.socket, `channel:${channelId}`);
    await join(reader.socket, `channel:${channelId}`);
    const readerHeard: unknown[] = [];
    const writerHeard: unknown[] = [];
    reader.socket.on('typing:changed', (event) => readerHeard.push(event));
    writer.socket.on('typing:changed', (event) => writerHeard.push(event));
    for (let index = 0; index < 5; index += 1) writer.socket.emit('typing', channelId);
    await eventually(
      async () => readerHeard.length,
      (heard) => heard > 0,
      1000,
    );
    await new Promise((wake) => setTimeout(wake, 100));
    expect(readerHeard).toEqual([{ channelId, userId: writer.user.id, displayName: writer.user.displayName }]);
    expect(writerHeard).toEqual([]);
  });

  it('counts a member online while one tab is active, away when all idle, offline when all closed', async () => {
    const watcher = await signedIn();
    const member = await context.makeMember();
    const memberClient = await context.loginAs(member);
    const cookie = await context.cookieOf(memberClient);
    const statuses: string[] = [];
    watcher.socket.on('presence:changed', (changes) => {
      for (const change of changes) if (change.userId === member.id) statuses.push(change.status);
    });
    const waitFor = async (status: string) => {
      expect(
        await eventually(
          async () => statuses.at(-1),
          (last) => last === status,
        ),
      ).toBe(status);
    };
    const presence = async () =>
      (await watcher.client.get('/api/v1/presence').query({ user: member.id })).body.items[0].status;

    const firstTab = await connect(cookie);
    await waitFor('online');
    const secondTab = await connect(cookie);
    firstTab.emit('presence:away', true);
    await new Promise((wake) => setTimeout(wake, 200));
    expect(await presence()).toBe('online');
    secondTab.emit('presence:away', true);
    await waitFor('away');
    secondTab.disconnect();
    firstTab.emit('presence:away', false);
    await waitFor('online');
    firstTab.disconnect();
    await waitFor('offline');
    expect(await presence()).toBe('offline');
    expect(statuses).toEqual(['online', 'away', 'online', 'offline']);
  });
});
