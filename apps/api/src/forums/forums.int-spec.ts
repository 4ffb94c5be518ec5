import { createTestContext, type TestClient, type TestContext } from '../../test/test-app';
import { NotificationsService } from '../notifications/notifications.service';
import { PostNotifier } from './post-notifier';

let context: TestContext;
let regional: { id: string };
let committee: { id: string };

beforeAll(async () => {
  context = await createTestContext();
  regional = await context.spaceBySlug('reseau-regional');
  committee = await context.spaceBySlug('comite-directeur');
});

afterAll(() => context.close());

const member = (options: Parameters<TestContext['makeMember']>[0] = {}) => context.signedInMember(options);

async function openTopic(
  client: TestClient,
  spaceId = regional.id,
  body = 'Comment animez-vous votre table de concertation en lutte à la pauvreté?',
) {
  const response = await client.post(`/api/v1/spaces/${spaceId}/topics`, {
    title: 'Tables de concertation',
    body,
    tags: ['Pauvreté', 'concertation'],
  });
  expect(response.status).toBe(201);
  return response.body as { id: string };
}

async function addToSpace(spaceId: string, userId: string) {
  await context.dataSource.query(
    'INSERT INTO space_members (space_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
    [spaceId, userId],
  );
}

const notificationsOf = async (client: TestClient) => (await client.get('/api/v1/notifications')).body;

describe('topics and posts', () => {
  it('opens a topic, replies in order, and renders Markdown safely', async () => {
    const { client } = await member();
    const topic = await openTopic(client);
    const reply = await client.post(`/api/v1/topics/${topic.id}/posts`, {
      body: '**Oui** <script>alert(1)</script> voir https://crd-bsl.ca',
      replyToNumber: 1,
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ number: 2, replyToNumber: 1, deleted: false });
    expect(reply.body.html).toContain('<strong>Oui</strong>');
    expect(reply.body.html).toContain('&lt;script&gt;');
    expect(reply.body.html).toContain('rel="noopener nofollow ugc"');
    const page = await client.get(`/api/v1/topics/${topic.id}/posts`);
    expect(page.body.items.map((post: { number: number }) => post.number)).toEqual([1, 2]);
    const fetched = await client.get(`/api/v1/topics/${topic.id}`);
    expect(fetched.body).toMatchObject({
      postCount: 2,
      lastPostNumber: 2,
      tags: ['pauvreté', 'concertation'],
      subscription: 'watching',
    });
  });

  it('numbers 20 concurrent replies 2 to 21, with no gap and no duplicate', async () => {
    const { client } = await member();
    const topic = await openTopic(client);
    const writers = await Promise.all(Array.from({ length: 4 }, () => member()));
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        writers[index % 4]!.client.post(`/api/v1/topics/${topic.id}/posts`, { body: `Réponse ${index}` }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(201));
    const numbers = responses.map((response) => response.body.number as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, index) => index + 2));
    const [{ count, max }] = await context.dataSource.query(
      'SELECT count(*)::int AS count, max(number) AS max FROM posts WHERE topic_id = $1',
      [topic.id],
    );
    expect({ count, max }).toEqual({ count: 21, max: 21 });
  });

  it('keeps every edit as a revision that moderators can read, and shows others only that it was edited', async () => {
    const { client } = await member();
    const topic = await openTopic(client, regional.id, 'Première version');
    const edited = await client.patch(`/api/v1/topics/${topic.id}/posts/1`, { body: 'Deuxième version' });
    expect(edited.status).toBe(200);
    expect(edited.body.editedAt).not.toBeNull();
    expect(edited.body.markdown).toBe('Deuxième version');
    expect((await client.get(`/api/v1/topics/${topic.id}/posts/1/revisions`)).status).toBe(403);
    const { client: moderator } = await member({ role: 'moderator' });
    const revisions = await moderator.get(`/api/v1/topics/${topic.id}/posts/1/revisions`);
    expect(revisions.body.items.map((revision: { markdown: string }) => revision.markdown)).toEqual([
      'Première version',
    ]);
    const { client: other } = await member();
    expect((await other.patch(`/api/v1/topics/${topic.id}/posts/1`, { body: 'Vandalisme' })).status).toBe(403);
  });

  it('deletes softly: a reply becomes a tombstone, the first post takes the topic with it', async () => {
    const { client } = await member();
    const topic = await openTopic(client);
    await client.post(`/api/v1/topics/${topic.id}/posts`, { body: 'À retirer' });
    expect((await client.delete(`/api/v1/topics/${topic.id}/posts/2`)).status).toBe(204);
    const page = await client.get(`/api/v1/topics/${topic.id}/posts`);
    expect(page.body.items[1]).toMatchObject({ number: 2, deleted: true, html: '', markdown: '' });
    const [{ markdown }] = await context.dataSource.query(
      'SELECT markdown FROM posts WHERE topic_id = $1 AND number = 2',
      [topic.id],
    );
    expect(markdown).toBe('À retirer');
    expect((await client.delete(`/api/v1/topics/${topic.id}/posts/1`)).status).toBe(204);
    expect((await client.get(`/api/v1/topics/${topic.id}`)).status).toBe(404);
  });

  it('lets moderators lock, pin and move a topic, and admins announce it; members may not', async () => {
    const { client: author } = await member();
    const topic = await openTopic(author);
    expect((await author.patch(`/api/v1/topics/${topic.id}`, { locked: true })).status).toBe(403);
    const { client: moderator } = await member({ role: 'moderator' });
    expect((await moderator.patch(`/api/v1/topics/${topic.id}`, { locked: true, pinned: true })).body).toMatchObject({
      locked: true,
      pinned: true,
    });
    const locked = await author.post(`/api/v1/topics/${topic.id}/posts`, { body: 'Encore un mot' });
    expect(locked.status).toBe(409);
    expect((await moderator.patch(`/api/v1/topics/${topic.id}`, { announcement: true })).status).toBe(403);
    const { client: admin } = await member({ role: 'admin' });
    expect((await admin.patch(`/api/v1/topics/${topic.id}`, { announcement: true })).body.announcement).toBe(true);
    const feed = await author.get('/api/v1/topics');
    expect(feed.body.items[0].id).toBe(topic.id);
    expect((await admin.patch(`/api/v1/topics/${topic.id}`, { spaceId: committee.id })).body.spaceId).toBe(
      committee.id,
    );
    expect((await author.get(`/api/v1/topics/${topic.id}`)).status).toBe(404);
  });

  it('answers a reply as the page shows it; a refused reply takes no number; moderators reply to a locked topic', async () => {
    const { client: author } = await member();
    const topic = await openTopic(author);
    const refused = await author.post(`/api/v1/topics/${topic.id}/posts`, { body: 'À qui ?', replyToNumber: 2 });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ path: 'body.replyToNumber', message: expect.any(String) }]);
    const reply = await author.post(`/api/v1/topics/${topic.id}/posts`, { body: 'Suite', replyToNumber: 1 });
    expect(reply.body.number).toBe(2);
    const page = await author.get(`/api/v1/topics/${topic.id}/posts`);
    expect(reply.body).toEqual(page.body.items[1]);
    expect(reply.body.author.displayName).toEqual(expect.any(String));

    const { client: moderator } = await member({ role: 'moderator' });
    await moderator.patch(`/api/v1/topics/${topic.id}`, { locked: true });
    expect((await author.post(`/api/v1/topics/${topic.id}/posts`, { body: 'Encore' })).status).toBe(409);
    const closing = await moderator.post(`/api/v1/topics/${topic.id}/posts`, { body: 'Sujet clos, merci.' });
    expect(closing.status).toBe(201);
    expect(closing.body.number).toBe(3);
    expect((await author.get(`/api/v1/topics/${topic.id}`)).body).toMatchObject({ postCount: 3, lastPostNumber: 3 });
  });

  it('counts likes, once per member, never one’s own', async () => {
    const { client: author } = await member();
    const topic = await openTopic(author);
    const { client: fan } = await member();
    expect((await fan.put(`/api/v1/topics/${topic.id}/posts/1/like`)).status).toBe(204);
    expect((await fan.put(`/api/v1/topics/${topic.id}/posts/1/like`)).status).toBe(204);
    expect((await author.put(`/api/v1/topics/${topic.id}/posts/1/like`)).status).toBe(403);
    const post = (await fan.get(`/api/v1/topics/${topic.id}/posts`)).body.items[0];
    expect(post).toMatchObject({ likeCount: 1, likedByMe: true });
    expect((await fan.get(`/api/v1/topics/${topic.id}`)).body.likeCount).toBe(1);
    await fan.delete(`/api/v1/topics/${topic.id}/posts/1/like`);
    expect((await fan.get(`/api/v1/topics/${topic.id}/posts`)).body.items[0]).toMatchObject({
      likeCount: 0,
      likedByMe: false,
    });
  });
});

describe('reading state', () => {
  it('tracks unread posts per member and lists new and unread topics across spaces', async () => {
    const { client: author } = await member();
    const { client: reader } = await member();
    const topic = await openTopic(author);
    const asNew = await reader.get('/api/v1/topics?view=new');
    expect(asNew.body.items.map((item: { id: string }) => item.id)).toContain(topic.id);
    expect(asNew.body.items.find((item: { id: string }) => item.id === topic.id).isNew).toBe(true);

    expect((await reader.put(`/api/v1/topics/${topic.id}/read`, { lastReadNumber: 1 })).status).toBe(204);
    expect(
      (await reader.get('/api/v1/topics?view=new')).body.items.map((item: { id: string }) => item.id),
    ).not.toContain(topic.id);
    await author.post(`/api/v1/topics/${topic.id}/posts`, { body: 'Du nouveau' });
    await author.post(`/api/v1/topics/${topic.id}/posts`, { body: 'Encore du nouveau' });

    const inSpace = await reader.get(`/api/v1/spaces/${regional.id}/topics`);
    expect(inSpace.body.items.find((item: { id: string }) => item.id === topic.id)).toMatchObject({
      unreadCount: 2,
      lastReadNumber: 1,
    });
    const unread = await reader.get('/api/v1/topics?view=unread');
    expect(unread.body.items.map((item: { id: string }) => item.id)).toContain(topic.id);

    await reader.put(`/api/v1/topics/${topic.id}/read`, { lastReadNumber: 99 });
    expect((await reader.get(`/api/v1/topics/${topic.id}`)).body).toMatchObject({ unreadCount: 0, lastReadNumber: 3 });
    expect(
      (await reader.get('/api/v1/topics?view=unread')).body.items.map((item: { id: string }) => item.id),
    ).not.toContain(topic.id);
  });

  it('pages posts by number, deep pages included', async () => {
    const { client } = await member();
    const topic = await openTopic(client);
    for (let index = 0; index < 30; index += 1)
      await client.post(`/api/v1/topics/${topic.id}/posts`, { body: `Message ${index}` });
    const first = await client.get(`/api/v1/topics/${topic.id}/posts?limit=10`);
    expect(first.body).toMatchObject({ total: 31, nextFrom: 11 });
    const deep = await client.get(`/api/v1/topics/${topic.id}/posts?from=25&limit=10`);
    expect(deep.body.items.map((post: { number: number }) => post.number)).toEqual([25, 26, 27, 28, 29, 30, 31]);
    expect(deep.body.nextFrom).toBeNull();
    const pastTheEnd = await client.get(`/api/v1/topics/${topic.id}/posts?from=40`);
    expect(pastTheEnd.status).toBe(200);
    expect(pastTheEnd.body).toEqual({ items: [], total: 31, nextFrom: null });
  });

  it('pages a space’s topics by keyset, pinned first', async () => {
    const { client } = await member();
    const space = (
      await (
        await member({ role: 'admin' })
      ).client.post('/api/v1/spaces', { name: 'Pagination', visibility: 'network' })
    ).body;
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) ids.push((await openTopic(client, space.id)).id);
    const first = await client.get(`/api/v1/spaces/${space.id}/topics?limit=2`);
    const second = await client.get(`/api/v1/spaces/${space.id}/topics?limit=2&cursor=${first.body.nextCursor}`);
    const third = await client.get(`/api/v1/spaces/${space.id}/topics?limit=2&cursor=${second.body.nextCursor}`);
    const seen = [...first.body.items, ...second.body.items, ...third.body.items].map(
      (item: { id: string }) => item.id,
    );
    expect(seen).toEqual([...ids].reverse());
    expect(third.body.nextCursor).toBeNull();
  });
});

describe('the feed across spaces', () => {
  it('pages by keyset without repeating or skipping a topic', async () => {
    const { client } = await member();
    for (let index = 0; index < 3; index += 1) await openTopic(client);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 4; page += 1) {
      const response = await client.get(`/api/v1/topics?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      seen.push(...response.body.items.map((item: { id: string }) => item.id));
      cursor = response.body.nextCursor;
      if (!cursor) break;
    }
    const [{ count }] = await context.dataSource.query(
      `SELECT count(*)::int AS count FROM topics t JOIN spaces s ON s.id = t.space_id
       WHERE t.deleted_at IS NULL AND s.visibility = 'network' AND t.announced_at IS NULL`,
    );
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(Math.min(count, 8));
  });
});

describe('notifications', () => {
  it('notifies a mentioned member who may see the topic, and never one who may not', async () => {
    const { client: author, user: authorUser } = await member();
    await addToSpace(committee.id, authorUser.id);
    const { client: insider, user: insiderUser } = await member({ displayName: 'Annie Initiée' });
    await addToSpace(committee.id, insiderUser.id);
    const { client: outsider, user: outsiderUser } = await member({ displayName: 'Olivier Dehors' });
    const topic = await openTopic(
      author,
      committee.id,
      `Avis de @${insiderUser.handle} et de @${outsiderUser.handle} svp`,
    );
    await context.drainOutbox();
    const insiderNotes = await notificationsOf(insider);
    expect(insiderNotes.items).toEqual([
      expect.objectContaining({ kind: 'mention', topicId: topic.id, postNumber: 1, read: false }),
    ]);
    expect(insiderNotes.unreadCount).toBe(1);
    expect((await notificationsOf(outsider)).items).toEqual([]);
    const post = (await author.get(`/api/v1/topics/${topic.id}/posts`)).body.items[0];
    expect(post.html).toContain(`href="/membres/${insiderUser.handle}"`);
  });

  it('notifies the author of the post answered and the topic’s watchers, once each, but not who muted it', async () => {
    const { client: author } = await member();
    const topic = await openTopic(author);
    const { client: replier } = await member();
    await replier.post(`/api/v1/topics/${topic.id}/posts`, { body: 'Une première réponse' });
    const { client: muter } = await member();
    await muter.post(`/api/v1/topics/${topic.id}/posts`, { body: 'Je participe puis je coupe le son' });
    await muter.put(`/api/v1/topics/${topic.id}/subscription`, { level: 'muted' });
    await context.drainOutbox();
    await author.post('/api/v1/notifications/read', { all: true });
    await replier.post('/api/v1/notifications/read', { all: true });

    const { client: third } = await member();
    await third.post(`/api/v1/topics/${topic.id}/posts`, { body: 'Je réponds au message 1', replyToNumber: 1 });
    await context.drainOutbox();
    await context.drainOutbox();
    const authorNotes = (await author.get('/api/v1/notifications?unread=true')).body.items;
    expect(authorNotes.map((note: { kind: string }) => note.kind)).toEqual(['reply']);
    const replierNotes = (await replier.get('/api/v1/notifications?unread=true')).body.items;
    expect(replierNotes.map((note: { kind: string }) => note.kind)).toEqual(['watched-topic']);
    expect((await muter.get('/api/v1/notifications?unread=true')).body.items).toEqual([]);

    await author.put(`/api/v1/topics/${topic.id}/read`, { lastReadNumber: 4 });
    expect((await notificationsOf(author)).unreadCount).toBe(0);
  });

  /**
   * A topic and a reply mentioning its author, with the fan-out's notifications taken back, so that a test can replay
   * the fan-out as the interleaving it studies has it.
   */
  async function mentionToReplay() {
    const { client: author, user: authorUser } = await member();
    const topic = await openTopic(author);
    const { client: replier } = await member();
    const reply = await replier.post(`/api/v1/topics/${topic.id}/posts`, {
      body: `Réponse pour @${authorUser.handle}`,
    });
    await context.drainOutbox();
    await context.dataSource.query('DELETE FROM notifications WHERE topic_id = $1', [topic.id]);
    return { author, authorUser, topic, postId: reply.body.id as string };
  }

  it('does not notify a member who read the post before the notification was worked out', async () => {
    const { author, topic, postId } = await mentionToReplay();
    // Replay the fan-out as if the author, reading live, had marked the post read before the outbox ran.
    await author.put(`/api/v1/topics/${topic.id}/read`, { lastReadNumber: 2 });
    await context.app.get(PostNotifier).notify({ postId, mentionsOnly: false });
    expect((await author.get('/api/v1/notifications')).body.items).toEqual([]);
  });

  it('settles a notification whose post was read while the notification was being written', async () => {
    const { author, authorUser, topic, postId } = await mentionToReplay();
    // The author's open page marks the post read after the fan-out looked and before its notification committed:
    // the read state is written, and settling the notifications finds none yet.
    const notifications = context.app.get(NotificationsService);
    const write = notifications.notify.bind(notifications);
    const written = jest.spyOn(notifications, 'notify').mockImplementationOnce(async (recipients, about) => {
      await context.dataSource.query(
        `UPDATE topic_reads SET last_read_number = 2 WHERE user_id = $1 AND topic_id = $2`,
        [authorUser.id, topic.id],
      );
      return write(recipients, about);
    });
    await context.app.get(PostNotifier).notify({ postId, mentionsOnly: false });
    expect(written).toHaveBeenCalledTimes(1);
    const notes = (await author.get('/api/v1/notifications')).body;
    expect(notes.items.map((note: { kind: string; read: boolean }) => [note.kind, note.read])).toEqual([
      ['mention', true],
    ]);
    expect(notes.unreadCount).toBe(0);
  });
});

describe('flags and moderation', () => {
  it('queues a flagged post for moderators, who hide and restore it', async () => {
    const { client: author } = await member();
    const topic = await openTopic(author);
    await author.post(`/api/v1/topics/${topic.id}/posts`, { body: 'Achetez des montres pas chères' });
    const { client: flagger } = await member();
    expect(
      (await flagger.post(`/api/v1/topics/${topic.id}/posts/2/flags`, { reason: 'spam', note: 'Publicité' })).status,
    ).toBe(204);
    expect((await flagger.post(`/api/v1/topics/${topic.id}/posts/2/flags`, { reason: 'spam' })).status).toBe(204);
    expect((await flagger.get('/api/v1/moderation/flags')).status).toBe(403);

    const { client: moderator } = await member({ role: 'moderator' });
    const queue = (await moderator.get('/api/v1/moderation/flags')).body.items;
    const entry = queue.find((item: { topicId: string }) => item.topicId === topic.id);
    expect(entry.flags).toHaveLength(1);
    expect(entry.flags[0]).toMatchObject({ reason: 'spam', note: 'Publicité' });

    expect((await moderator.post(`/api/v1/topics/${topic.id}/posts/2/moderation`, { action: 'hide' })).status).toBe(
      204,
    );
    expect((await flagger.get(`/api/v1/topics/${topic.id}/posts`)).body.items[1].hidden).toBe(true);
    expect(
      (await moderator.get('/api/v1/moderation/flags')).body.items.find(
        (item: { topicId: string }) => item.topicId === topic.id,
      ),
    ).toBeUndefined();
    await moderator.post(`/api/v1/topics/${topic.id}/posts/2/moderation`, { action: 'restore' });
    expect((await flagger.get(`/api/v1/topics/${topic.id}/posts`)).body.items[1].hidden).toBe(false);
  });
});

describe('access', () => {
  it('answers 404 to a non-member for a private space’s forum, topics and posts, and refuses writes there', async () => {
    const { client: insider, user } = await member();
    await addToSpace(committee.id, user.id);
    const topic = await openTopic(insider, committee.id);
    const { client: outsider } = await member();
    expect((await outsider.get(`/api/v1/spaces/${committee.id}/topics`)).status).toBe(404);
    expect((await outsider.get(`/api/v1/topics/${topic.id}`)).status).toBe(404);
    expect((await outsider.get(`/api/v1/topics/${topic.id}/posts`)).status).toBe(404);
    expect((await outsider.post(`/api/v1/topics/${topic.id}/posts`, { body: 'Intrusion' })).status).toBe(404);
    expect(
      (await outsider.post(`/api/v1/spaces/${committee.id}/topics`, { title: 'Intrusion', body: 'x' })).status,
    ).toBe(404);
    expect((await outsider.put(`/api/v1/topics/${topic.id}/posts/1/like`)).status).toBe(404);
    expect((await outsider.post(`/api/v1/topics/${topic.id}/posts/1/flags`, { reason: 'other' })).status).toBe(404);
    const feed = (await outsider.get('/api/v1/topics')).body.items.map((item: { id: string }) => item.id);
    expect(feed).not.toContain(topic.id);
    const { client: admin } = await member({ role: 'admin' });
    expect((await admin.get(`/api/v1/topics/${topic.id}`)).status).toBe(200);
    // Locked, it still does not exist for the outsider (404, not 409), and nothing was written.
    await admin.patch(`/api/v1/topics/${topic.id}`, { locked: true });
    expect((await outsider.post(`/api/v1/topics/${topic.id}/posts`, { body: 'Intrusion' })).status).toBe(404);
    expect((await admin.get(`/api/v1/topics/${topic.id}`)).body).toMatchObject({ postCount: 1, lastPostNumber: 1 });
  });
});
