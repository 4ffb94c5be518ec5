import { randomUUID } from 'node:crypto';

import { strFromU8, unzipSync } from 'fflate';
import sharp from 'sharp';

import { createTestContext, TEST_PASSWORD, type TestContext } from '../../test/test-app';

let context: TestContext;
let regional: { id: string };

beforeAll(async () => {
  context = await createTestContext();
  regional = await context.spaceBySlug('reseau-regional');
});

afterAll(() => context.close());

const picture = () =>
  sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 200, g: 60, b: 20 } } })
    .png()
    .toBuffer();

describe('my personal data (Law 25)', () => {
  it('downloads everything about me as JSON plus my files, without any secret', async () => {
    const { user, client } = await context.signedInMember();
    await client.put('/api/v1/me/profile', {
      displayName: user.displayName,
      title: 'Agente de milieu',
      mrcCodes: ['12'],
      themes: ['proche aidance'],
      tags: [],
      bio: 'Présentation à exporter',
      languages: ['fr'],
      phone: '',
      emailVisibility: 'nobody',
      phoneVisibility: 'nobody',
    });
    await client
      .put('/api/v1/me/avatar')
      .set('Content-Type', 'image/png')
      .send(await picture());
    await client.post(`/api/v1/spaces/${regional.id}/topics`, {
      title: 'Mon sujet exporté',
      body: 'Texte du sujet',
      tags: [],
    });
    const channels = (await client.get(`/api/v1/spaces/${regional.id}/channels`)).body.items;
    await client.post(`/api/v1/channels/${channels[0].id}/messages`, {
      clientId: randomUUID(),
      body: 'Message exporté',
    });
    const library = await client
      .post('/api/v1/resources/upload')
      .field(
        'metadata',
        JSON.stringify({
          spaceId: regional.id,
          title: 'Mon guide',
          summary: '',
          kind: 'guide',
          tags: [],
          mrcCodes: [],
        }),
      )
      .attach('file', Buffer.from('Guide en texte brut\n'), { filename: 'guide.txt', contentType: 'text/plain' });
    expect(library.status).toBe(201);

    const response = await client
      .get('/api/v1/me/export')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="maillage-mes-donnees-/);
    const files = unzipSync(new Uint8Array(response.body as Buffer));
    const names = Object.keys(files);
    expect(names).toEqual(
      expect.arrayContaining([
        'donnees.json',
        'fichiers/photo.webp',
        expect.stringMatching(/^fichiers\/ressources\/.+\/v1-guide\.txt$/),
      ]),
    );
    const data = JSON.parse(strFromU8(files['donnees.json']!));
    expect(data.account).toMatchObject({ id: user.id, email: user.email });
    expect(data.profile).toEqual([
      expect.objectContaining({ bio: 'Présentation à exporter', themes: ['proche aidance'] }),
    ]);
    expect(data.topics).toEqual([expect.objectContaining({ title: 'Mon sujet exporté' })]);
    expect(data.posts).toEqual([expect.objectContaining({ markdown: 'Texte du sujet', number: 1 })]);
    expect(data.messages).toEqual([expect.objectContaining({ markdown: 'Message exporté' })]);
    expect(data.resources).toEqual([expect.objectContaining({ title: 'Mon guide' })]);
    expect(data.sessions.length).toBeGreaterThan(0);
    const [{ password_hash: passwordHash }] = await context.dataSource.query(
      'SELECT password_hash FROM users WHERE id = $1',
      [user.id],
    );
    const text = strFromU8(files['donnees.json']!);
    expect(text).not.toContain(passwordHash);
    expect(text).not.toMatch(/token/i);
    expect(await sharp(Buffer.from(files['fichiers/photo.webp']!)).metadata()).toMatchObject({ format: 'webp' });
  });

  it('erases my account: content stays as "Ancien membre", personal data goes, sessions end, the seat I held is given on', async () => {
    const { user, client } = await context.signedInMember({ displayName: 'Personne à effacer' });
    const friend = await context.signedInMember();
    const topic = await client.post(`/api/v1/spaces/${regional.id}/topics`, {
      title: 'Sujet qui restera',
      body: 'Mon texte reste au réseau',
      tags: [],
    });
    const direct = await client.post('/api/v1/direct-messages', { userIds: [friend.user.id] });
    await client.post(`/api/v1/channels/${direct.body.id}/messages`, { clientId: randomUUID(), body: 'Salut' });
    const event = await friend.client.post('/api/v1/events', {
      spaceId: regional.id,
      title: 'Atelier à une place',
      description: '',
      start: '2030-05-01T09:00',
      end: '2030-05-01T10:00',
      capacity: 1,
    });
    expect(event.status).toBe(201);
    expect((await client.post(`/api/v1/events/${event.body.eventId}/rsvp`, { status: 'going' })).status).toBeLessThan(
      300,
    );
    const waiting = await context.signedInMember();
    const waited = await waiting.client.post(`/api/v1/events/${event.body.eventId}/rsvp`, { status: 'going' });
    expect(waited.body).toMatchObject({ status: 'waitlisted' });

    const wrong = await client.delete('/api/v1/me').send({ password: 'pas le bon', confirmation: 'SUPPRIMER' });
    expect(wrong.status).toBe(400);
    const unconfirmed = await client.delete('/api/v1/me').send({ password: 'x', confirmation: 'oui' });
    expect(unconfirmed.status).toBe(400);
    expect((await client.get('/api/v1/me')).status).toBe(200);

    const erased = await client.delete('/api/v1/me').send({ password: TEST_PASSWORD, confirmation: 'SUPPRIMER' });
    expect(erased.status).toBe(204);
    expect((await client.get('/api/v1/me')).status).toBe(401);
    const [row] = await context.dataSource.query(
      'SELECT email, display_name, handle, status FROM users WHERE id = $1',
      [user.id],
    );
    expect(row).toMatchObject({ display_name: 'Ancien membre', status: 'deleted' });
    expect(row.email).not.toContain(user.email.split('@')[0]);
    expect((await friend.client.get(`/api/v1/people/${user.handle}`)).status).toBe(404);
    const page = await friend.client.get(`/api/v1/topics/${topic.body.id}/posts`);
    expect(page.body.items[0]).toMatchObject({
      markdown: 'Mon texte reste au réseau',
      author: { displayName: 'Ancien membre' },
    });
    const conversation = (await friend.client.get('/api/v1/channels')).body.items.find(
      (channel: { id: string }) => channel.id === direct.body.id,
    );
    expect(conversation.spaceName).not.toContain('Personne à effacer');
    const [{ status: promoted }] = await context.dataSource.query(
      `SELECT r.status FROM event_rsvps r JOIN event_occurrences o ON o.id = r.occurrence_id
       WHERE o.event_id = $1 AND r.user_id = $2`,
      [event.body.eventId, waiting.user.id],
    );
    expect(promoted).toBe('going');
    const [{ count }] = await context.dataSource.query(
      'SELECT count(*)::int AS count FROM audit_entries WHERE action = $1 AND actor_id = $2',
      ['member.deleted', user.id],
    );
    expect(count).toBe(1);
  });
});

describe('the audit log', () => {
  it('records invitations, role changes, deactivations, space membership and moderation, for administrators only', async () => {
    const admin = await context.signedInMember({ role: 'admin' });
    const member = await context.signedInMember({ displayName: 'Membre audité' });
    const organization = (await context.dataSource.query(`SELECT id FROM organizations WHERE slug = 'crd'`))[0].id;
    const invited = await admin.client.post('/api/v1/invitations', {
      email: `audit.${Date.now()}@exemple.ca`,
      organizationId: organization,
    });
    await admin.client.delete(`/api/v1/invitations/${invited.body.id}`);
    await admin.client.patch(`/api/v1/admin/members/${member.user.id}`, { role: 'moderator' });
    await admin.client.patch(`/api/v1/admin/members/${member.user.id}`, { status: 'deactivated' });
    const committee = await context.spaceBySlug('comite-directeur');
    await admin.client.post(`/api/v1/spaces/${committee.id}/members`, { userId: admin.user.id });
    const topic = await admin.client.post(`/api/v1/spaces/${regional.id}/topics`, {
      title: 'Sujet audité',
      body: 'Corps',
      tags: [],
    });
    await admin.client.post(`/api/v1/topics/${topic.body.id}/posts/1/moderation`, { action: 'hide' });

    const log = await admin.client.get('/api/v1/admin/audit');
    expect(log.status).toBe(200);
    const actions = log.body.items.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'invitation.created',
        'invitation.revoked',
        'member.role-changed',
        'member.deactivated',
        'space.member-added',
        'post.hidden',
      ]),
    );
    const roleChange = log.body.items.find((entry: { action: string }) => entry.action === 'member.role-changed');
    expect(roleChange).toMatchObject({
      actor: { id: admin.user.id },
      details: { from: 'member', to: 'moderator' },
      target: expect.stringContaining('Membre audité'),
    });
    expect((await member.client.get('/api/v1/admin/audit')).status).toBeGreaterThanOrEqual(401);
    const moderator = await context.loginAs(await context.makeMember({ role: 'moderator' }));
    expect((await moderator.get('/api/v1/admin/audit')).status).toBe(403);
  });
});
