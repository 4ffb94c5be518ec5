import { Client } from 'pg';

import { eventually } from '../../test/eventually';
import { createTestContext, type TestContext } from '../../test/test-app';
import { OutboxService } from '../outbox/outbox.service';
import { SearchEngine } from './search-engine';
import { SEARCH_INDEX } from './search-events';

/** The api as it runs by default: search indexing in a worker thread, the api's own outbox worker without it. */
describe('search indexing in a worker thread (SEARCH_INDEXING=thread)', () => {
  let context: TestContext;
  let watcher: Client;

  const connectionsOf = async (applicationName: string) =>
    (
      await watcher.query(
        `SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = $1 AND application_name = $2`,
        [new URL(context.config.databaseUrl!).pathname.slice(1), applicationName],
      )
    ).rows[0].count as number;

  beforeAll(async () => {
    context = await createTestContext({ SEARCH_INDEXING: 'thread' });
    watcher = new Client({ connectionString: context.config.databaseUrl });
    await watcher.connect();
  });

  afterAll(async () => {
    await watcher.end();
    await context.close();
  });

  it('indexes what members write, the api itself claiming no search event', async () => {
    expect(context.app.get(OutboxService).kindOf(SEARCH_INDEX)).toBeUndefined();
    const { client } = await context.signedInMember();
    const regional = await context.spaceBySlug('reseau-regional');
    const topic = await client.post(`/api/v1/spaces/${regional.id}/topics`, {
      title: 'Halte-garderie ambulante à Squatec',
      body: 'Un service de répit itinérant pour les familles du Témiscouata.',
      tags: [],
    });
    expect(topic.status).toBe(201);

    const found = await eventually(
      async () => (await client.get('/api/v1/search').query({ q: 'halte-garderie ambulante' })).body,
      // Until the thread has created the index, searches answer 503 (no items).
      (body: { items?: { id: string }[] }) => (body.items ?? []).some((item) => item.id === topic.body.id),
      20_000,
    );
    expect(found.items?.map((item) => item.id)).toContain(topic.body.id);
    expect(await connectionsOf('maillage-indexer')).toBeGreaterThan(0);
  });

  it('answers that search is unavailable, not an error, while the index does not exist', async () => {
    const engine = context.app.get(SearchEngine);
    await engine.client.deleteIndex(engine.contentIndex).waitTask();
    const { client } = await context.signedInMember();
    const response = await client.get('/api/v1/search').query({ q: 'halte-garderie' });
    expect(response.status).toBe(503);
    expect(response.body.type).toMatch(/search-unavailable$/);
  });

  it('stops with the api, closing its connections', async () => {
    await context.app.close();
    expect(await connectionsOf('maillage-indexer')).toBe(0);
    expect(await connectionsOf('maillage-api')).toBe(0);
  });
});
