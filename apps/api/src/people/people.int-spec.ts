import { randomUUID } from 'node:crypto';

import sharp from 'sharp';

import { createTestContext, type TestClient, type TestContext } from '../../test/test-app';

let context: TestContext;

beforeAll(async () => {
  context = await createTestContext();
});

afterAll(() => context.close());

const profileOf = (overrides: Record<string, unknown> = {}) => ({
  displayName: 'Agente de la Mitis',
  title: 'Agente de développement social',
  mrcCodes: ['09'],
  themes: ['sécurité alimentaire'],
  tags: ['cuisines collectives'],
  bio: 'Je coordonne la table en sécurité alimentaire de La Mitis.',
  languages: ['fr', 'en'],
  phone: '418 555-0101 poste 12',
  emailVisibility: 'members',
  phoneVisibility: 'nobody',
  ...overrides,
});

const directory = async (client: TestClient, query: Record<string, string>) => {
  const response = await client.get('/api/v1/people').query(query);
  expect(response.status).toBe(200);
  return response.body as { items: { id: string; email: string | null }[]; total: number; nextCursor: string | null };
};

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 11, g: 85, b: 99 } } })
    .png()
    .toBuffer();

describe('profiles and the directory', () => {
  it('finds "who works on food security in La Mitis", with or without accents, and by organization', async () => {
    const agent = await context.signedInMember({ organization: 'la-mitis' });
    const other = await context.signedInMember({ organization: 'kamouraska' });
    const saved = await agent.client.put('/api/v1/me/profile', profileOf());
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      displayName: 'Agente de la Mitis',
      mrcCodes: ['09'],
      phone: '418 555-0101 poste 12',
    });

    const ids = async (query: Record<string, string>) =>
      (await directory(other.client, query)).items.map((person) => person.id);
    expect(await ids({ theme: 'sécurité alimentaire', mrc: '09' })).toContain(agent.user.id);
    expect(await ids({ q: 'securite alimentaire mitis' })).toContain(agent.user.id);
    expect(await ids({ q: 'CUISINES collectives' })).toContain(agent.user.id);
    expect(await ids({ theme: 'cuisines collectives' })).toContain(agent.user.id);
    expect(await ids({ q: 'securite alimentaire', mrc: '14' })).not.toContain(agent.user.id);
    const kamouraska = (await context.dataSource.query(`SELECT id FROM organizations WHERE slug = 'kamouraska'`))[0].id;
    expect(await ids({ organization: kamouraska })).toEqual(expect.arrayContaining([other.user.id]));
    expect(await ids({ organization: kamouraska })).not.toContain(agent.user.id);
  });

  it('pages the directory by name without losing or repeating anyone', async () => {
    const { client } = await context.signedInMember();
    const everyone = await directory(client, { limit: '100' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof directory>> = await directory(client, {
        limit: '3',
        ...(cursor ? { cursor } : {}),
      });
      expect(page.total).toBe(everyone.total);
      seen.push(...page.items.map((person) => person.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(everyone.items.map((person) => person.id));
  });

  it('shows email and phone only as the member chose, in every answer, except to the member and administrators', async () => {
    const hidden = await context.signedInMember();
    await hidden.client.put(
      '/api/v1/me/profile',
      profileOf({ displayName: 'Membre discret', emailVisibility: 'nobody', phoneVisibility: 'nobody' }),
    );
    const shown = await context.signedInMember();
    await shown.client.put(
      '/api/v1/me/profile',
      profileOf({ displayName: 'Membre joignable', emailVisibility: 'members', phoneVisibility: 'members' }),
    );
    const reader = await context.signedInMember();
    const admin = await context.loginAs(await context.makeMember({ role: 'admin' }));

    const handleOf = async (id: string) =>
      (await context.dataSource.query('SELECT handle FROM users WHERE id = $1', [id]))[0].handle as string;
    const hiddenProfile = (await reader.client.get(`/api/v1/people/${await handleOf(hidden.user.id)}`)).body;
    expect(hiddenProfile).toMatchObject({ email: null, phone: null });
    const inDirectory = (await directory(reader.client, { q: 'membre discret' })).items[0];
    expect(inDirectory).toMatchObject({ id: hidden.user.id, email: null });
    const shownProfile = (await reader.client.get(`/api/v1/people/${await handleOf(shown.user.id)}`)).body;
    expect(shownProfile).toMatchObject({ email: shown.user.email, phone: '418 555-0101 poste 12' });

    for (const client of [hidden.client, admin]) {
      const seen = (await client.get(`/api/v1/people/${await handleOf(hidden.user.id)}`)).body;
      expect(seen).toMatchObject({ email: hidden.user.email, phone: '418 555-0101 poste 12' });
    }
    // Nor an event's attendee list, not even to its organizer.
    const regional = await context.spaceBySlug('reseau-regional');
    const event = await reader.client.post('/api/v1/events', {
      spaceId: regional.id,
      title: 'Atelier des membres discrets',
      description: '',
      start: '2030-03-01T09:00',
      end: '2030-03-01T10:00',
    });
    for (const client of [hidden.client, shown.client]) {
      await client.post(`/api/v1/events/${event.body.eventId}/rsvp`, { status: 'going' });
    }
    const attendees = (
      await reader.client.get(`/api/v1/events/${event.body.eventId}/occurrences/${event.body.id}/attendees`)
    ).body.items;
    expect(attendees).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ person: expect.objectContaining({ id: hidden.user.id }), email: null }),
        expect.objectContaining({ person: expect.objectContaining({ id: shown.user.id }), email: shown.user.email }),
      ]),
    );
    // Nor the account administration to a moderator, who finds nobody by a hidden address either.
    const moderator = await context.loginAs(await context.makeMember({ role: 'moderator' }));
    const listed = (await moderator.get('/api/v1/admin/members').query({ q: 'Membre discret' })).body.items;
    expect(listed).toEqual([expect.objectContaining({ id: hidden.user.id, email: null })]);
    expect((await moderator.get('/api/v1/admin/members').query({ q: hidden.user.email })).body.items).toEqual([]);
    const forAdmin = (await admin.get('/api/v1/admin/members').query({ q: hidden.user.email })).body.items;
    expect(forAdmin).toEqual([expect.objectContaining({ id: hidden.user.id, email: hidden.user.email })]);
    // Nor does search give it away: contact details are not indexed.
    await context.drainOutbox();
    const found = await reader.client.get('/api/v1/search').query({ q: hidden.user.email, type: 'person' });
    expect(JSON.stringify(found.body)).not.toContain(hidden.user.email);
  });

  it('refuses a bad profile with field errors and changes nothing', async () => {
    const { client } = await context.signedInMember();
    await client.put('/api/v1/me/profile', profileOf());
    const refused = await client.put(
      '/api/v1/me/profile',
      profileOf({ themes: ['astrologie'], mrcCodes: ['99'], phone: 'appelez-moi', emailVisibility: 'tous' }),
    );
    expect(refused.status).toBe(400);
    const paths = refused.body.errors.map((error: { path: string }) => error.path);
    expect(paths).toEqual(
      expect.arrayContaining(['body.themes.0', 'body.mrcCodes.0', 'body.phone', 'body.emailVisibility']),
    );
    expect((await client.get('/api/v1/me/profile')).body).toMatchObject({
      themes: ['sécurité alimentaire'],
      mrcCodes: ['09'],
      emailVisibility: 'members',
    });
  });
});

describe('pictures', () => {
  it('resizes a picture to a 256 × 256 WebP, replaces it, and refuses what is not an image', async () => {
    const { user, client } = await context.signedInMember();
    const uploaded = await client
      .put('/api/v1/me/avatar')
      .set('Content-Type', 'image/png')
      .send(await png(800, 500));
    expect(uploaded.status).toBe(200);
    expect(uploaded.body.avatarUrl).toMatch(new RegExp(`^/api/v1/people/${uploaded.body.handle}/avatar\\?v=\\d+$`));
    const picture = await client.get(uploaded.body.avatarUrl).buffer(true);
    expect(picture.status).toBe(200);
    expect(picture.headers['content-type']).toBe('image/webp');
    // A versioned picture is the one answer browsers may keep.
    expect(picture.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(await sharp(picture.body as Buffer).metadata()).toMatchObject({ format: 'webp', width: 256, height: 256 });

    const [{ avatar_key: firstKey }] = await context.dataSource.query(
      'SELECT avatar_key FROM member_profiles WHERE user_id = $1',
      [user.id],
    );
    const replaced = await client
      .put('/api/v1/me/avatar')
      .set('Content-Type', 'image/png')
      .send(await png(300, 300));
    expect(replaced.body.avatarUrl).not.toBe(uploaded.body.avatarUrl);

    const text = await client
      .put('/api/v1/me/avatar')
      .set('Content-Type', 'image/png')
      .send(Buffer.from('<script>alert(1)</script>'));
    expect(text.status).toBe(415);
    const huge = await client
      .put('/api/v1/me/avatar')
      .set('Content-Type', 'image/png')
      .send(Buffer.alloc(6 * 1024 * 1024));
    expect(huge.status).toBe(413);
    const [{ avatar_key: currentKey }] = await context.dataSource.query(
      'SELECT avatar_key FROM member_profiles WHERE user_id = $1',
      [user.id],
    );
    expect(currentKey).not.toBe(firstKey);
    expect((await client.get(replaced.body.avatarUrl)).status).toBe(200);

    expect((await client.delete('/api/v1/me/avatar')).status).toBe(204);
    expect((await client.get('/api/v1/me/profile')).body.avatarUrl).toBeNull();
    expect((await client.get(replaced.body.avatarUrl)).status).toBe(404);
  });
});

describe('organization pages', () => {
  it('shows an MRC’s municipalities and agents, and a private space’s activity only to those who may see it', async () => {
    const agent = await context.signedInMember({ organization: 'la-matapedia', displayName: 'Agent d’Amqui' });
    const committee = await context.spaceBySlug('comite-directeur');
    await context.dataSource.query('INSERT INTO space_members (space_id, user_id) VALUES ($1, $2)', [
      committee.id,
      agent.user.id,
    ]);
    const topic = await agent.client.post(`/api/v1/spaces/${committee.id}/topics`, {
      title: `Budget confidentiel ${randomUUID().slice(0, 6)}`,
      body: 'Entre nous',
      tags: [],
    });
    expect(topic.status).toBe(201);

    const outsider = await context.signedInMember();
    const page = await outsider.client.get('/api/v1/organizations/la-matapedia');
    expect(page.status).toBe(200);
    expect(page.body.organization).toMatchObject({ name: 'MRC de La Matapédia', seat: 'Amqui' });
    expect(page.body.organization.municipalities).toContain('Causapscal');
    expect(page.body.members.map((person: { id: string }) => person.id)).toContain(agent.user.id);
    expect(page.body.recentActivity.map((item: { title: string }) => item.title)).not.toContain(topic.body.title);
    expect(page.body.spaces.map((space: { id: string }) => space.id)).not.toContain(committee.id);

    const insider = await agent.client.get('/api/v1/organizations/la-matapedia');
    expect(insider.body.recentActivity.map((item: { title: string }) => item.title)).toContain(topic.body.title);
    expect(insider.body.spaces.map((space: { id: string }) => space.id)).toContain(committee.id);
    expect((await outsider.client.get('/api/v1/organizations/nulle-part')).status).toBe(404);
  });
});
