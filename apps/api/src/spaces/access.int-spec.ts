import { eventually } from '../../test/eventually';
import { createTestContext, type TestContext } from '../../test/test-app';
import { AccessPolicy } from './access-policy';

let context: TestContext;
let committee: { id: string };
let network: { id: string };

beforeAll(async () => {
  context = await createTestContext();
  committee = await context.spaceBySlug('comite-directeur');
  network = await context.spaceBySlug('reseau-regional');
});

afterAll(() => context.close());

async function addToSpace(spaceId: string, userId: string) {
  const admin = await context.loginAs(await context.makeMember({ role: 'admin' }));
  expect((await admin.post(`/api/v1/spaces/${spaceId}/members`, { userId })).status).toBe(204);
}

describe('the access matrix', () => {
  it('shows a private space to its members', async () => {
    const member = await context.makeMember();
    await addToSpace(committee.id, member.id);
    const client = await context.loginAs(member);
    expect((await client.get(`/api/v1/spaces/${committee.id}`)).status).toBe(200);
    expect(
      (await client.get(`/api/v1/spaces/${committee.id}/members`)).body.items.map(
        (item: { userId: string }) => item.userId,
      ),
    ).toContain(member.id);
    const listed = (await client.get('/api/v1/spaces')).body.items.map((space: { id: string }) => space.id);
    expect(listed).toContain(committee.id);
    expect((await client.get('/api/v1/me')).body.spaces.map((space: { id: string }) => space.id)).toContain(
      committee.id,
    );
  });

  it('answers 404 to a non-member for a private space and its members, and leaves it out of every list', async () => {
    const outsider = await context.loginAs(await context.makeMember());
    expect((await outsider.get(`/api/v1/spaces/${committee.id}`)).status).toBe(404);
    expect((await outsider.get(`/api/v1/spaces/${committee.id}/members`)).status).toBe(404);
    const listed = (await outsider.get('/api/v1/spaces')).body.items;
    expect(listed.every((space: { visibility: string }) => space.visibility === 'network')).toBe(true);
    expect(listed.map((space: { id: string }) => space.id)).toContain(network.id);
    expect((await outsider.get('/api/v1/me')).body.spaces.map((space: { id: string }) => space.id)).not.toContain(
      committee.id,
    );
  });

  it('answers the same 404 for a space that does not exist', async () => {
    const member = await context.loginAs(await context.makeMember());
    const missing = await member.get('/api/v1/spaces/01900000-0000-7000-8000-000000000000');
    const hidden = await member.get(`/api/v1/spaces/${committee.id}`);
    expect(missing.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
  });

  it('shows every space to administrators', async () => {
    const admin = await context.loginAs(await context.makeMember({ role: 'admin' }));
    const listed = (await admin.get('/api/v1/spaces')).body.items;
    const [{ count }] = await context.dataSource.query('SELECT count(*)::int AS count FROM spaces');
    expect(listed).toHaveLength(count);
    expect((await admin.get(`/api/v1/spaces/${committee.id}`)).status).toBe(200);
  });

  it('hides a private space again once the member is removed', async () => {
    const member = await context.makeMember();
    await addToSpace(committee.id, member.id);
    const client = await context.loginAs(member);
    expect((await client.get(`/api/v1/spaces/${committee.id}`)).status).toBe(200);
    const admin = await context.loginAs(await context.makeMember({ role: 'admin' }));
    expect((await admin.delete(`/api/v1/spaces/${committee.id}/members/${member.id}`)).status).toBe(204);
    expect((await client.get(`/api/v1/spaces/${committee.id}`)).status).toBe(404);
  });

  it('gives the same answer through the policy’s SQL conditions, id list and single check', async () => {
    const member = await context.makeMember();
    await addToSpace(committee.id, member.id);
    const outsider = await context.makeMember();
    const admin = await context.makeMember({ role: 'admin' });
    const policy = context.app.get(AccessPolicy);
    for (const user of [member, outsider, admin]) {
      const viewer = { id: user.id, role: user.role, sessionId: 'n/a' };
      const ids = new Set((await policy.visibleSpaces(viewer)).map((space) => space.id));
      const condition = policy.spaceCondition(viewer, 's.id');
      const rows: { id: string }[] = await context.dataSource
        .createQueryBuilder()
        .select('s.id', 'id')
        .from('spaces', 's')
        .where(condition.sql, condition.params)
        .getRawMany();
      expect(new Set(rows.map((row) => row.id))).toEqual(ids);
      const positional: { id: string }[] = await context.dataSource.query(
        `SELECT s.id FROM spaces s WHERE ${policy.spaceConditionSql(viewer, 's.id', '$1')}`,
        [viewer.id],
      );
      expect(new Set(positional.map((row) => row.id))).toEqual(ids);
      if (user.role !== 'admin') {
        const correlated: { id: string }[] = await context.dataSource.query(
          `SELECT s.id FROM spaces s, users u WHERE u.id = $1 AND ${policy.memberSpaceConditionSql('u.id', 's.id')}`,
          [viewer.id],
        );
        expect(new Set(correlated.map((row) => row.id))).toEqual(ids);
      }
      expect(await policy.canSeeSpace(viewer, committee.id)).toBe(ids.has(committee.id));
    }
  });
});

describe('the visible spaces kept by each api process', () => {
  const viewerOf = (user: { id: string; role: 'member' | 'moderator' | 'admin' }) => ({
    id: user.id,
    role: user.role,
    sessionId: 'n/a',
  });

  it('are read once, and read again after any change to spaces or their members', async () => {
    const policy = context.app.get(AccessPolicy);
    const member = await context.makeMember();
    const viewer = viewerOf(member);
    const first = await policy.visibleSpaces(viewer);
    expect(await policy.visibleSpaces(viewer)).toBe(first);
    expect(first.map((space) => space.id)).not.toContain(committee.id);

    // Each process hears of a change when its transaction commits, a fraction of a millisecond later.
    await addToSpace(committee.id, member.id);
    const afterJoining = await eventually(
      async () => (await policy.visibleSpaces(viewer)).map((space) => space.id),
      (ids) => ids.includes(committee.id),
    );
    expect(afterJoining).toContain(committee.id);

    // A change made outside the api (here straight in SQL) is heard too: a trigger tells every process.
    await context.dataSource.query('DELETE FROM space_members WHERE space_id = $1 AND user_id = $2', [
      committee.id,
      member.id,
    ]);
    const afterLeaving = await eventually(
      async () => (await policy.visibleSpaces(viewer)).map((space) => space.id),
      (ids) => !ids.includes(committee.id),
    );
    expect(afterLeaving).not.toContain(committee.id);
  });

  it('are not kept while the process does not hear the changes, and kept again once it does', async () => {
    const policy = context.app.get(AccessPolicy);
    const viewer = viewerOf(await context.makeMember());
    await context.dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE application_name = 'maillage-channels' AND datname = current_database()`,
    );
    const keptTwice = async () => (await policy.visibleSpaces(viewer)) === (await policy.visibleSpaces(viewer));
    expect(await eventually(keptTwice, (kept) => !kept)).toBe(false);
    // The channel reconnects a second later; until then every read asks the database.
    for (let read = 0; read < 5; read += 1) expect(await keptTwice()).toBe(false);
    expect(await eventually(keptTwice, (kept) => kept, 5000)).toBe(true);
  });
});

describe('space administration', () => {
  it('lets an admin create a private space, which its creator and added members see', async () => {
    const admin = await context.loginAs(await context.makeMember({ role: 'admin' }));
    const created = await admin.post('/api/v1/spaces', {
      name: 'Chantier logement — Kamouraska',
      visibility: 'private',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      slug: 'chantier-logement-kamouraska',
      visibility: 'private',
      isMember: true,
      memberCount: 1,
    });
    const duplicate = await admin.post('/api/v1/spaces', {
      name: 'Autre',
      slug: 'chantier-logement-kamouraska',
      visibility: 'network',
    });
    expect(duplicate.status).toBe(409);
    const renamed = await admin.patch(`/api/v1/spaces/${created.body.id}`, { visibility: 'network' });
    expect(renamed.body.visibility).toBe('network');
  });

  it('refuses space administration to members and moderators', async () => {
    for (const role of ['member', 'moderator'] as const) {
      const client = await context.loginAs(await context.makeMember({ role }));
      expect((await client.post('/api/v1/spaces', { name: 'Interdit', visibility: 'network' })).status).toBe(403);
      expect(
        (await client.post(`/api/v1/spaces/${committee.id}/members`, { userId: (await context.makeMember()).id }))
          .status,
      ).toBe(403);
    }
  });

  it('refuses to add an unknown or deactivated account', async () => {
    const admin = await context.loginAs(await context.makeMember({ role: 'admin' }));
    const response = await admin.post(`/api/v1/spaces/${committee.id}/members`, {
      userId: '01900000-0000-7000-8000-000000000000',
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe('body.userId');
  });
});
