import { allRouteGroups, type RouteContract } from '@maillage/contracts';

import { createTestContext, type TestClient, type TestContext } from '../../../test/test-app';

let context: TestContext;
let admin: TestClient;

const routes = Object.values(allRouteGroups).flatMap((group) => Object.values(group) as RouteContract[]);
const withBody = routes.filter((route) => route.body);
// Development mailbox ids are file names, not UUIDs.
const withIdParam = routes.filter((route) => route.path.includes('{id}') && route.tag !== 'operations');

/** A path whose parameters are well-formed but name nothing. */
const samplePath = (route: RouteContract, id = '01900000-0000-7000-8000-000000000000') =>
  `/api/v1${route.path.replace('{id}', id).replace('{userId}', '01900000-0000-7000-8000-000000000001').replace('{token}', 'a'.repeat(43)).replace('{number}', '1').replace('{seq}', '1').replace('{occurrenceId}', '01900000-0000-7000-8000-000000000002').replace('{handle}', 'quelqu.un').replace('{slug}', 'la-mitis')}`;

async function rowCounts(): Promise<Record<string, number>> {
  const tables: { table_name: string }[] = await context.dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT IN ('login_failures', 'schema_migrations')`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name: table } of tables) {
    counts[table] = (await context.dataSource.query(`SELECT count(*)::int AS count FROM "${table}"`))[0].count;
  }
  return counts;
}

function send(client: TestClient, route: RouteContract, path: string, body: object | string) {
  if (route.method === 'patch') return client.patch(path, body);
  if (route.method === 'put') return client.put(path, body);
  if (route.method === 'delete') return client.delete(path).set('Content-Type', 'application/json').send(body);
  return client.post(path, body);
}

beforeAll(async () => {
  context = await createTestContext();
  admin = await context.loginAs(await context.makeMember({ role: 'admin' }));
  // The account's own side effects (its search document) are done before any "nothing written" comparison.
  await context.drainOutbox();
});

afterAll(() => context.close());

describe.each(withBody.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const))(
  '%s',
  (_name, route) => {
    it('answers malformed JSON with 400 problem details and writes nothing', async () => {
      const before = await rowCounts();
      const response = await send(admin, route, samplePath(route), '{"email": "a@b.c", ');
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body).toMatchObject({ type: '/problems/malformed-json', status: 400 });
      expect(await rowCounts()).toEqual(before);
    });

    it('answers unknown and wrongly typed fields with 400 and the field paths', async () => {
      const before = await rowCounts();
      const unknown = await send(admin, route, samplePath(route), { champInconnu: true });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors.length).toBeGreaterThan(0);
      expect(
        unknown.body.errors.every(
          (error: { path: string; message: string }) => error.path.startsWith('body') && error.message,
        ),
      ).toBe(true);
      const wrongType = await send(admin, route, samplePath(route), '[1, 2, 3]');
      expect(wrongType.status).toBe(400);
      expect(wrongType.body.errors[0].path).toBe('body');
      expect(await rowCounts()).toEqual(before);
    });

    it('answers an oversized body with 413', async () => {
      const response = await send(admin, route, samplePath(route), { text: 'x'.repeat(300_000) });
      expect(response.status).toBe(413);
      expect(response.body.type).toBe('/problems/body-too-large');
    });
  },
);

describe('field rules', () => {
  it('asks browsers and proxies to keep no answer, and spends nothing on ETags', async () => {
    for (const path of ['/api/v1/me', '/api/v1/spaces', '/api/v1/nothing-here']) {
      const response = await admin.get(path);
      expect(response.headers['cache-control']).toBe('private, no-store');
      expect(response.headers.etag).toBeUndefined();
    }
  });

  it('reports every bad field of an invitation at once, in French', async () => {
    const response = await admin.post('/api/v1/invitations', {
      email: 'pas-un-courriel',
      organizationId: 42,
      role: 'roi',
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'body.email',
      'body.organizationId',
      'body.role',
    ]);
    expect(response.body.errors.find((error: { path: string }) => error.path === 'body.email').message).toMatch(
      /courriel|adresse/i,
    );
  });

  it('refuses oversized fields and a too-short password', async () => {
    const visitor = await context.client();
    const response = await visitor.post(`/api/v1/invitations/${'a'.repeat(43)}/accept`, {
      displayName: 'x'.repeat(81),
      password: 'court',
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'body.displayName',
      'body.password',
    ]);
  });

  it('refuses a body on a route that takes none', async () => {
    const response = await admin.post('/api/v1/auth/logout', { inattendu: 1 });
    expect(response.status).toBe(400);
    expect((await admin.get('/api/v1/me')).status).toBe(200);
  });

  it('refuses malformed query parameters', async () => {
    const response = await admin.get('/api/v1/admin/members?limit=5000&tri=nom');
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['query', 'query.limit']);
    expect((await admin.get('/api/v1/admin/members?cursor=n-importe-quoi')).status).toBe(400);
  });
});

describe.each(withIdParam.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const))(
  '%s',
  (_name, route) => {
    it('answers a malformed id with 400 on params.id', async () => {
      const path = samplePath(route, 'pas-un-uuid');
      const response =
        route.method === 'get'
          ? await admin.get(path)
          : route.method === 'delete'
            ? await admin.delete(path)
            : await send(admin, route, path, {});
      expect(response.status).toBe(400);
      expect(response.body.errors.map((error: { path: string }) => error.path)).toContain('params.id');
    });
  },
);
