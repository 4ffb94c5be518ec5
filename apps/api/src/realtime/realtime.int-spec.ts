import { randomUUID } from 'node:crypto';

import type { Message, ServerToClientEvents } from '@maillage/contracts';

import { type ClientSocket, connectSocket } from '../../test/sockets';
import { createTestContext, type TestContext } from '../../test/test-app';
import { RealtimeService } from './realtime.service';

let context: TestContext;
let baseUrl: string;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  context = await createTestContext();
  baseUrl = await context.listen();
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await context.close();
});

const connect = (cookie: string) => connectSocket(baseUrl, cookie, sockets);

const join = (socket: ClientSocket, room: string) => socket.timeout(2000).emitWithAck('room:join', room);

async function signedIn() {
  const user = await context.makeMember();
  const client = await context.loginAs(user);
  return { user, client, socket: await connect(await context.cookieOf(client)) };
}

describe('the socket gateway', () => {
  it('refuses a connection without a valid session cookie', async () => {
    await expect(connect('')).rejects.toThrow('unauthenticated');
    await expect(connect('maillage_session=pas-une-session')).rejects.toThrow('unauthenticated');
  });

  it('delivers post:created to a second member viewing the topic within a second', async () => {
    const author = await signedIn();
    const viewer = await signedIn();
    const regional = await context.spaceBySlug('reseau-regional');
    const topic = (
      await author.client.post(`/api/v1/spaces/${regional.id}/topics`, { title: 'En direct', body: 'Bonjour' })
    ).body;
    expect(await join(viewer.socket, `topic:${topic.id}`)).toEqual({ ok: true });
    expect(await join(viewer.socket, `space:${regional.id}`)).toEqual({ ok: true });

    const received = new Promise<{ event: Parameters<ServerToClientEvents['post:created']>[0]; at: number }>(
      (resolve) => viewer.socket.once('post:created', (event) => resolve({ event, at: Date.now() })),
    );
    const listUpdate = new Promise<Parameters<ServerToClientEvents['topic:updated']>[0]>((resolve) =>
      viewer.socket.once('topic:updated', resolve),
    );
    const sentAt = Date.now();
    const reply = await author.client.post(`/api/v1/topics/${topic.id}/posts`, { body: 'Une réponse en direct' });
    const { event, at } = await received;
    expect(event).toEqual({ topicId: topic.id, postId: reply.body.id, number: 2, authorId: author.user.id });
    expect(at - sentAt).toBeLessThan(1000);
    expect(await listUpdate).toMatchObject({ topicId: topic.id, lastPostNumber: 2, postCount: 2 });
  });

  it('refuses a non-member’s join of a private space’s rooms and an unknown room kind', async () => {
    const insider = await signedIn();
    const outsider = await signedIn();
    const committee = await context.spaceBySlug('comite-directeur');
    await context.dataSource.query('INSERT INTO space_members (space_id, user_id) VALUES ($1, $2)', [
      committee.id,
      insider.user.id,
    ]);
    const topic = (
      await insider.client.post(`/api/v1/spaces/${committee.id}/topics`, { title: 'Huis clos', body: 'Confidentiel' })
    ).body;
    expect(await join(outsider.socket, `topic:${topic.id}`)).toEqual({ ok: false, error: 'not-found' });
    expect(await join(outsider.socket, `space:${committee.id}`)).toEqual({ ok: false, error: 'not-found' });
    expect(await join(outsider.socket, `user:${insider.user.id}`)).toEqual({ ok: false, error: 'invalid-room' });
    expect(await join(insider.socket, `topic:${topic.id}`)).toEqual({ ok: true });

    let leaked = false;
    outsider.socket.on('post:created', () => (leaked = true));
    const seen = new Promise((resolve) => insider.socket.once('post:created', resolve));
    await insider.client.post(`/api/v1/topics/${topic.id}/posts`, { body: 'Toujours confidentiel' });
    await seen;
    expect(leaked).toBe(false);
  });

  it('pushes a notification to the mentioned member’s own room', async () => {
    const author = await signedIn();
    const mentioned = await signedIn();
    const regional = await context.spaceBySlug('reseau-regional');
    const pushed = new Promise<Parameters<ServerToClientEvents['notification:created']>[0]>((resolve) =>
      mentioned.socket.once('notification:created', resolve),
    );
    await author.client.post(`/api/v1/spaces/${regional.id}/topics`, {
      title: 'Appel',
      body: `Qu’en penses-tu @${mentioned.user.handle}?`,
    });
    await context.drainOutbox();
    expect(await pushed).toMatchObject({ unreadCount: 1 });
  });

  it('keeps a turn’s messages for one being written: one frame when it comes, or when the hold runs out', async () => {
    const member = await signedIn();
    const regional = await context.spaceBySlug('reseau-regional');
    const channelId = (await member.client.get(`/api/v1/spaces/${regional.id}/channels`)).body.items[0].id as string;
    const room = `channel:${channelId}`;
    expect(await join(member.socket, room)).toEqual({ ok: true });
    const frames: number[][] = [];
    member.socket.on('messages:created', (items) => frames.push(items.map((item) => item.seq)));
    const framesReceived = async (count: number) => {
      for (let waited = 0; frames.length < count && waited < 2000; waited += 10)
        await new Promise((wake) => setTimeout(wake, 10));
      return frames;
    };
    const message = (seq: number): Message => ({
      id: randomUUID(),
      channelId,
      seq,
      clientId: randomUUID(),
      author: { id: member.user.id, displayName: member.user.displayName, handle: member.user.handle },
      html: '<p>Bonjour</p>',
      markdown: 'Bonjour',
      parentSeq: null,
      createdAt: new Date().toISOString(),
      editedAt: null,
      deleted: false,
      reactions: [],
    });
    const realtime = context.app.get(RealtimeService);

    // The held message comes a turn after the first one: without the hold, the first would have gone out alone.
    const release = realtime.holdCoalesced();
    realtime.emitCoalesced(room, 'messages:created', message(9001));
    await new Promise((turn) => setImmediate(turn));
    realtime.emitCoalesced(room, 'messages:created', message(9002));
    release();
    expect(await framesReceived(1)).toEqual([[9001, 9002]]);

    // A hold never released does not keep the others: they go out when it runs out (COALESCE_HOLD_MS).
    const forgotten = realtime.holdCoalesced();
    realtime.emitCoalesced(room, 'messages:created', message(9003));
    expect(await framesReceived(2)).toEqual([[9001, 9002], [9003]]);
    forgotten();
  });
});
