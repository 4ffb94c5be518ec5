import { createTestContext, type TestContext } from '../../test/test-app';

let context: TestContext;

afterEach(() => context.close());

describe('GET /api/health', () => {
  it('reports the database, search and the outbox backlog', async () => {
    context = await createTestContext();
    const response = await (await context.client()).get('/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'ok',
      database: { status: 'up' },
      search: { status: 'up' },
      outbox: { pending: 0, failing: 0, oldestPendingAt: null },
    });
  });

  it('stays up, degraded, when the search engine cannot be reached', async () => {
    context = await createTestContext({ MEILI_URL: 'http://127.0.0.1:9' });
    const response = await (await context.client()).get('/api/health');
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('degraded');
    expect(response.body.search.status).toBe('down');
  });
});
