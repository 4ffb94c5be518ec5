import { type PortraitPage, portraitTable } from '@maillage/contracts';
import { parse } from 'csv-parse/sync';

import { createTestContext, type TestClient, type TestContext } from '../../test/test-app';
import { newId } from '../database/ids';
import type { UserEntity } from '../identity/entities/user.entity';
import { PortraitRefresher } from './portrait-refresher';

/**
 * A factory-made network whose figures were counted by hand: two MRC (La Mitis 09, Rimouski-Neigette 10) and the
 * CRD, the regional space, the Volet 2 space and the private Volet 1 committee, over the agreement year 2025
 * (April 2025 to March 2026) and the month after it.
 */
let context: TestContext;
let admin: TestClient;
let governance: TestClient;
let member: TestClient;
let mitis: UserEntity[];
let rimouski: UserEntity[];
let crd: UserEntity;
let spaces: { regional: string; volet2: string; committee1: string };

const AGREEMENT_2025 = 'from=2025-04&to=2026-03';

async function insertTopic(spaceId: string, author: UserEntity, at: string, deleted = false): Promise<string> {
  const id = newId();
  await context.dataSource.query(
    `INSERT INTO topics (id, space_id, author_id, title, last_posted_at, created_at, deleted_at, post_count, last_post_number)
     VALUES ($1, $2, $3, 'Sujet', $4, $4, $5, 1, 1)`,
    [id, spaceId, author.id, at, deleted ? at : null],
  );
  await insertPost(id, author, at, 1);
  return id;
}

async function insertPost(topicId: string, author: UserEntity, at: string, number?: number, deleted = false) {
  await context.dataSource.query(
    `INSERT INTO posts (id, topic_id, number, author_id, markdown, html, created_at, deleted_at)
     VALUES ($1, $2, coalesce($3, (SELECT max(number) + 1 FROM posts WHERE topic_id = $2)), $4, 'x', '<p>x</p>', $5, $6)`,
    [newId(), topicId, number ?? null, author.id, at, deleted ? at : null],
  );
}

async function insertMessages(channelId: string, author: UserEntity, at: string, count: number) {
  for (let index = 0; index < count; index += 1) {
    await context.dataSource.query(
      `WITH next AS (UPDATE channels SET last_seq = last_seq + 1 WHERE id = $2 RETURNING last_seq)
       INSERT INTO messages (id, channel_id, seq, client_id, author_id, markdown, html, created_at)
       SELECT $1, $2, last_seq, $3, $4, 'x', '<p>x</p>', $5 FROM next`,
      [newId(), channelId, newId(), author.id, at],
    );
  }
}

async function insertChannel(spaceId: string): Promise<string> {
  const id = newId();
  await context.dataSource.query(`INSERT INTO channels (id, space_id, name) VALUES ($1, $2, $3)`, [
    id,
    spaceId,
    `canal-${id.slice(-6)}`,
  ]);
  return id;
}

async function insertResource(spaceId: string, author: UserEntity, at: string, volet: number | null) {
  const id = newId();
  await context.dataSource.query(
    `INSERT INTO resources (id, space_id, author_id, organization_id, format, title, kind, volet, url, created_at)
     VALUES ($1, $2, $3, $4, 'link', 'Ressource', 'guide', $5, 'https://exemple.ca', $6)`,
    [id, spaceId, author.id, author.organizationId, volet, at],
  );
  return id;
}

async function insertDownloads(resourceId: string, organizationId: string | null, at: string, count: number) {
  for (let index = 0; index < count; index += 1) {
    await context.dataSource.query(
      `INSERT INTO resource_downloads (id, resource_id, organization_id, created_at) VALUES ($1, $2, $3, $4)`,
      [newId(), resourceId, organizationId, at],
    );
  }
}

async function insertEvent(
  spaceId: string,
  author: UserEntity,
  options: { volet: number; createdAt: string; occurrences: { startsAt: string; cancelled?: boolean }[] },
): Promise<string[]> {
  const eventId = newId();
  await context.dataSource.query(
    `INSERT INTO events (id, space_id, author_id, organization_id, title, start_local, end_local, time_zone, volet, created_at)
     VALUES ($1, $2, $3, $4, 'Rencontre', '2025-12-10 10:00', '2025-12-10 12:00', 'America/Toronto', $5, $6)`,
    [eventId, spaceId, author.id, author.organizationId, options.volet, options.createdAt],
  );
  const ids: string[] = [];
  for (const occurrence of options.occurrences) {
    const id = newId();
    ids.push(id);
    await context.dataSource.query(
      `INSERT INTO event_occurrences (id, event_id, original_start, starts_at, ends_at, cancelled_at)
       VALUES ($1, $2, $3, $3, $3::timestamptz + interval '2 hours', $4)`,
      [id, eventId, occurrence.startsAt, occurrence.cancelled ? occurrence.startsAt : null],
    );
  }
  return ids;
}

async function answer(occurrenceId: string, user: UserEntity, status: 'going' | 'maybe') {
  await context.dataSource.query(
    `INSERT INTO event_rsvps (occurrence_id, user_id, status, answered_at) VALUES ($1, $2, $3, now())`,
    [occurrenceId, user.id, status],
  );
}

async function insertSearchMiss(query: string, organizationId: string | null, at: string) {
  await context.dataSource.query(
    `INSERT INTO search_misses (id, query, organization_id, created_at) VALUES ($1, $2, $3, $4)`,
    [newId(), query, organizationId, at],
  );
}

const refresh = () => context.app.get(PortraitRefresher).refresh();

async function portrait(client: TestClient, path: string): Promise<PortraitPage> {
  const response = await client.get(`/api/v1/portrait${path}`);
  expect(response.status).toBe(200);
  return response.body;
}

beforeAll(async () => {
  context = await createTestContext();
  admin = await context.loginAs(await context.makeMember({ role: 'admin' }));
  const governor = await context.makeMember({ organization: 'crd' });
  const directorate = await context.spaceBySlug('comite-directeur');
  await context.dataSource.query(`INSERT INTO space_members (space_id, user_id) VALUES ($1, $2)`, [
    directorate.id,
    governor.id,
  ]);
  governance = await context.loginAs(governor);
  member = (await context.signedInMember({ organization: 'la-matanie' })).client;

  mitis = [];
  for (let index = 0; index < 6; index += 1) mitis.push(await context.makeMember({ organization: 'la-mitis' }));
  rimouski = [
    await context.makeMember({ organization: 'rimouski-neigette' }),
    await context.makeMember({ organization: 'rimouski-neigette' }),
  ];
  crd = await context.makeMember({ organization: 'crd' });
  const [a1, a2, a3, a4, a5, a6] = mitis as [UserEntity, UserEntity, UserEntity, UserEntity, UserEntity, UserEntity];
  const [b1, b2] = rimouski as [UserEntity, UserEntity];
  spaces = {
    regional: (await context.spaceBySlug('reseau-regional')).id,
    volet2: (await context.spaceBySlug('volet-2-travail-de-rue')).id,
    committee1: (await context.spaceBySlug('comite-volet-1')).id,
  };

  // Forums: T1 in the regional space (May–June 2025), T2 on the evening of March 31 2026 in Toronto (already April 1
  // in UTC) with a reply half past midnight on April 1, T3 in the private committee, and deleted writing.
  const t1 = await insertTopic(spaces.regional, a1, '2025-05-10T15:00:00Z');
  await insertPost(t1, a2, '2025-05-11T15:00:00Z');
  await insertPost(t1, a3, '2025-05-12T15:00:00Z');
  await insertPost(t1, a4, '2025-06-01T15:00:00Z');
  await insertPost(t1, b1, '2025-06-02T15:00:00Z');
  await insertPost(t1, a1, '2025-06-03T15:00:00Z', undefined, true);
  const t2 = await insertTopic(spaces.volet2, b1, '2026-04-01T03:30:00Z');
  await insertPost(t2, a5, '2026-04-01T04:30:00Z');
  const t3 = await insertTopic(spaces.committee1, a6, '2025-09-15T15:00:00Z');
  await insertPost(t3, a1, '2025-09-16T15:00:00Z');
  await insertTopic(spaces.regional, a1, '2025-05-20T15:00:00Z', true);

  // Chat: four messages in the regional space; a direct conversation, which the portrait leaves out.
  const general = await insertChannel(spaces.regional);
  await insertMessages(general, a1, '2025-10-05T15:00:00Z', 3);
  await insertMessages(general, crd, '2025-10-06T15:00:00Z', 1);
  const directSpace = newId();
  await context.dataSource.query(
    `INSERT INTO spaces (id, slug, name, visibility, kind) VALUES ($1, $2, 'Conversation', 'private', 'direct')`,
    [directSpace, `direct-${directSpace}`],
  );
  await insertMessages(await insertChannel(directSpace), a1, '2025-10-07T15:00:00Z', 2);

  // Library: RS1 (Volet 4) in the regional space, RS2 in the committee; downloads by organization.
  const rs1 = await insertResource(spaces.regional, a2, '2025-11-05T15:00:00Z', 4);
  const rs2 = await insertResource(spaces.committee1, a6, '2025-11-06T15:00:00Z', null);
  await insertDownloads(rs1, a1.organizationId, '2025-11-20T15:00:00Z', 3);
  await insertDownloads(rs1, b1.organizationId, '2025-12-20T15:00:00Z', 1);
  await insertDownloads(rs2, a1.organizationId, '2025-11-21T15:00:00Z', 2);

  // Events: E1 (Volet 3, by the CRD) held in December with six going and one maybe, a cancelled occurrence in
  // January; E2 far in the future, not held.
  const [held] = await insertEvent(spaces.regional, crd, {
    volet: 3,
    createdAt: '2025-11-01T15:00:00Z',
    occurrences: [{ startsAt: '2025-12-10T15:00:00Z' }, { startsAt: '2026-01-10T15:00:00Z', cancelled: true }],
  });
  for (const attendee of [a1, a2, a3, a4, a5, b2]) await answer(held!, attendee, 'going');
  await answer(held!, b1, 'maybe');
  await insertEvent(spaces.regional, crd, {
    volet: 3,
    createdAt: '2025-11-02T15:00:00Z',
    occurrences: [{ startsAt: '2030-01-10T15:00:00Z' }],
  });

  // Searches without results.
  await insertSearchMiss('logement abordable', a1.organizationId, '2025-07-10T15:00:00Z');
  await insertSearchMiss('logement abordable', a1.organizationId, '2025-07-11T15:00:00Z');
  await insertSearchMiss('logement abordable', b1.organizationId, '2026-02-11T15:00:00Z');
  await insertSearchMiss('banque alimentaire', crd.organizationId, '2025-08-11T15:00:00Z');
});

afterAll(() => context.close());

describe('the network portrait', () => {
  it('shows nothing before the figures are first computed, then the hand-counted totals', async () => {
    const before = await portrait(admin, `?${AGREEMENT_2025}`);
    expect(before.refreshedAt).toBeNull();
    expect(before.totals.topics).toBe(0);

    await refresh();
    const page = await portrait(admin, `?${AGREEMENT_2025}`);
    expect(page.refreshedAt).not.toBeNull();
    expect(page.governance).toBe(true);
    expect(page.totals).toEqual({
      activeMembers: 9, // a1–a6, b1, b2, and the CRD's member who wrote in the chat and organized E1
      topics: 3,
      replies: 5,
      messages: 4,
      resourcesShared: 2,
      downloads: 6,
      eventsHeld: 1,
      attendance: 6,
      searchMisses: 4,
    });
  });

  it('breaks the figures down by MRC, volet, organization and month, withholding small counts of people', async () => {
    const page = await portrait(admin, `?${AGREEMENT_2025}`);
    expect(page.mrcs).toHaveLength(8);
    const laMitis = page.mrcs.find((mrc) => mrc.code === '09')!;
    expect(laMitis.figures).toEqual({
      activeMembers: 6,
      topics: 2,
      replies: 4,
      messages: 3,
      resourcesShared: 2,
      downloads: 5,
      eventsHeld: 0,
      attendance: 5,
      searchMisses: 2,
    });
    const rimouskiNeigette = page.mrcs.find((mrc) => mrc.code === '10')!;
    expect(rimouskiNeigette.figures).toEqual({
      activeMembers: null,
      topics: 1,
      replies: 1,
      messages: 0,
      resourcesShared: 0,
      downloads: 1,
      eventsHeld: 0,
      attendance: null,
      searchMisses: 1,
    });
    expect(page.mrcs.find((mrc) => mrc.code === '07')!.figures.topics).toBe(0);

    const volet = (number: number) => page.volets.find((row) => row.number === number)!.figures;
    expect(volet(1)).toMatchObject({ topics: 1, replies: 1, resourcesShared: 1, downloads: 2, activeMembers: null });
    expect(volet(2)).toMatchObject({ topics: 1, replies: 0, activeMembers: null });
    expect(volet(3)).toMatchObject({ eventsHeld: 1, attendance: 6, activeMembers: 7 });
    expect(volet(4)).toMatchObject({ resourcesShared: 1, downloads: 4, activeMembers: null });

    expect(page.organizations.map((organization) => organization.slug).sort()).toEqual([
      'crd',
      'la-mitis',
      'rimouski-neigette',
    ]);
    expect(page.organizations.find((organization) => organization.slug === 'crd')!.figures).toMatchObject({
      messages: 1,
      eventsHeld: 1,
      searchMisses: 1,
    });
    expect(page.searchMisses).toEqual([
      { query: 'logement abordable', count: 3 },
      { query: 'banque alimentaire', count: 1 },
    ]);

    expect(page.months.map((row) => row.month)).toEqual([
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    const month = (name: string) => page.months.find((row) => row.month === name)!.figures;
    expect(month('2025-05')).toMatchObject({ topics: 1, replies: 2 });
    expect(month('2025-06')).toMatchObject({ replies: 2 });
    expect(month('2026-01')).toMatchObject({ eventsHeld: 0 });
  });

  it('places each moment in its month in America/Toronto', async () => {
    const march = await portrait(admin, '?from=2026-03&to=2026-03');
    expect(march.totals).toMatchObject({ topics: 1, replies: 0 });
    const april = await portrait(admin, '?from=2026-04&to=2026-04');
    expect(april.totals).toMatchObject({ topics: 0, replies: 1 });
  });

  it('compares two periods', async () => {
    const page = await portrait(admin, `?${AGREEMENT_2025}&compareFrom=2026-04&compareTo=2027-03`);
    expect(page.comparePeriod).toEqual({ from: '2026-04', to: '2027-03' });
    expect(page.compareTotals).toMatchObject({ topics: 0, replies: 1, activeMembers: null });
    expect(page.compareMonths).toHaveLength(12);
    expect(page.compareMonths![0]).toMatchObject({ month: '2026-04', figures: { replies: 1 } });
  });

  it('counts a private space only for those who may see it', async () => {
    const page = await portrait(governance, `?${AGREEMENT_2025}`);
    expect(page.governance).toBe(true);
    // T3, its reply and RS2 with its two downloads live in the Volet 1 committee, which this member is not part of;
    // a6 was active only there.
    expect(page.totals).toMatchObject({
      activeMembers: 8,
      topics: 2,
      replies: 4,
      resourcesShared: 1,
      downloads: 4,
      messages: 4,
    });
    expect(page.volets.find((row) => row.number === 1)!.figures).toMatchObject({ topics: 0, downloads: 0 });
  });

  it('shows a member who joins a committee its activity at once, and hides it when they leave', async () => {
    const outsider = await context.makeMember({ organization: 'la-matanie' });
    const client = await context.loginAs(outsider);
    expect((await portrait(client, `?${AGREEMENT_2025}`)).totals.topics).toBe(2);
    await context.dataSource.query(`INSERT INTO space_members (space_id, user_id) VALUES ($1, $2)`, [
      spaces.committee1,
      outsider.id,
    ]);
    expect((await portrait(client, `?${AGREEMENT_2025}`)).totals.topics).toBe(3);
    await context.dataSource.query(`DELETE FROM space_members WHERE space_id = $1 AND user_id = $2`, [
      spaces.committee1,
      outsider.id,
    ]);
    expect((await portrait(client, `?${AGREEMENT_2025}`)).totals.topics).toBe(2);
  });

  it('shows other members the network overview only, and 404 for the MRC and volet pages and their tables', async () => {
    const page = await portrait(member, `?${AGREEMENT_2025}`);
    expect(page.governance).toBe(false);
    expect(page.organizations).toEqual([]);
    expect(page.searchMisses).toEqual([]);
    // T1 only: T3 is in the committee.
    expect(page.mrcs.find((mrc) => mrc.code === '09')!.figures.topics).toBe(1);
    for (const path of [
      '/portrait/mrc/09',
      '/portrait/volets/2',
      '/portrait/mrc/09/tables/months.csv',
      '/portrait/volets/2/tables/totals.csv',
    ]) {
      const response = await member.get(`/api/v1${path}`);
      expect(response.status).toBe(404);
    }
    // The overview's own tables, and only those.
    expect((await member.get('/api/v1/portrait/tables/mrcs.csv')).status).toBe(200);
    expect((await member.get('/api/v1/portrait/tables/organizations.csv')).status).toBe(404);
  });

  it('serves an MRC page and a volet page to the Comité directeur', async () => {
    const mrc = await portrait(governance, `/mrc/09?${AGREEMENT_2025}`);
    expect(mrc.scope).toEqual({ kind: 'mrc', code: '09', slug: 'la-mitis', name: expect.stringContaining('Mitis') });
    expect(mrc.totals).toMatchObject({ topics: 1, replies: 3, attendance: 5, searchMisses: 2 });
    expect(mrc.mrcs).toEqual([]);
    expect(mrc.organizations.map((organization) => organization.slug)).toEqual(['la-mitis']);
    expect(mrc.searchMisses).toEqual([{ query: 'logement abordable', count: 2 }]);

    const volet = await portrait(admin, `/volets/3?${AGREEMENT_2025}`);
    expect(volet.scope).toMatchObject({ kind: 'volet', number: 3 });
    expect(volet.totals).toMatchObject({ eventsHeld: 1, attendance: 6, topics: 0 });
    expect(volet.mrcs.find((row) => row.code === '09')!.figures).toMatchObject({ attendance: 5, activeMembers: 5 });
    expect(volet.volets).toEqual([]);

    expect((await admin.get('/api/v1/portrait/mrc/15')).status).toBe(400);
    expect((await admin.get('/api/v1/portrait/volets/5')).status).toBe(400);
  });

  it('exports each table as CSV with the same rows as the page', async () => {
    for (const [path, table] of [
      ['', 'totals'],
      ['', 'mrcs'],
      ['', 'volets'],
      ['/mrc/10', 'months'],
      ['/mrc/09', 'organizations'],
      ['/mrc/09', 'search-misses'],
      ['/volets/3', 'mrcs'],
    ] as const) {
      const query = `?${AGREEMENT_2025}&compareFrom=2024-04&compareTo=2025-03`;
      const page = await portrait(admin, `${path}${query}`);
      const response = await admin.get(`/api/v1/portrait${path}/tables/${table}.csv${query}`);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      expect(response.headers['content-disposition']).toMatch(/attachment; filename="portrait-/);
      const rows: string[][] = parse(response.text.replace(/^\uFEFF/, ''));
      const expected = portraitTable(page, table);
      expect(rows[0]).toEqual(expected.columns.map((column) => column.label));
      expect(rows.slice(1)).toEqual(
        expected.rows.map((row) => row.map((cell) => (cell === null ? '<5' : String(cell)))),
      );
    }
    expect((await admin.get(`/api/v1/portrait/mrc/10/tables/mrcs.csv?${AGREEMENT_2025}`)).status).toBe(404);
    expect((await admin.get(`/api/v1/portrait/volets/2/tables/volets.csv?${AGREEMENT_2025}`)).status).toBe(404);
  });

  it('answers a bad period with 400 and the fields at fault', async () => {
    for (const [query, path] of [
      ['from=2026-05&to=2026-04', 'query.to'],
      ['from=2026-05', 'query.to'],
      ['from=2020-01&to=2026-12', 'query.to'],
      ['from=2026-13&to=2026-14', 'query.from'],
      ['compareFrom=2025-04&compareTo=2026-03', 'query.from'],
    ]) {
      const response = await admin.get(`/api/v1/portrait?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.errors.map((error: { path: string }) => error.path)).toContain(path);
    }
  });

  it('is read from the aggregates: new writing shows after the next refresh, which runs once per period', async () => {
    const [a1] = mitis as [UserEntity];
    await insertTopic(spaces.regional, a1, '2025-05-25T15:00:00Z');
    expect((await portrait(admin, `?${AGREEMENT_2025}`)).totals.topics).toBe(3);
    const refresher = context.app.get(PortraitRefresher);
    expect(await refresher.refreshIfOlderThan(60)).toBe(false);
    expect((await portrait(admin, `?${AGREEMENT_2025}`)).totals.topics).toBe(3);
    await context.dataSource.query(`UPDATE portrait_refreshes SET refreshed_at = now() - interval '2 hours'`);
    expect(await refresher.refreshIfOlderThan(60)).toBe(true);
    expect((await portrait(admin, `?${AGREEMENT_2025}`)).totals.topics).toBe(4);
  });
});
