import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';

import { createTestContext, type TestContext } from '../../test/test-app';
import { createLogger } from '../common/logger';
import { EmbeddedSearch } from '../runtime/embedded-meilisearch';
import { findFreePort } from '../runtime/process-files';
import { SearchAvailability } from './search-availability';

const MASTER_KEY = 'outage-master-key-0123456789';
let meilisearch: EmbeddedSearch;
let port: number;
let context: TestContext;

beforeAll(async () => {
  // A Meilisearch of its own, which this file stops and restarts on the same address.
  const folder = await mkdtemp(join(process.env.MAILLAGE_TEST_FOLDER ?? '/tmp', 'outage-'));
  meilisearch = new EmbeddedSearch(folder, MASTER_KEY, createLogger('silent'));
  port = await findFreePort();
  const url = await meilisearch.start(port);
  context = await createTestContext({ MEILI_URL: url, MEILI_MASTER_KEY: MASTER_KEY });
});

afterAll(async () => {
  await context.close();
  await meilisearch.stop();
});

describe('search while Meilisearch is down', () => {
  it('keeps every write, answers 503 to searches, and indexes the backlog once Meilisearch returns', async () => {
    const user = await context.makeMember();
    const client = await context.loginAs(user);
    const space = await context.spaceBySlug('reseau-regional');
    await meilisearch.stop();
    const availability = context.app.get(SearchAvailability);
    expect(await availability.check()).toBe(false);

    const titles = ['Halte-chaleur hivernale', 'Épicerie solidaire mobile', 'Navette des aînés'];
    for (const title of titles) {
      const response = await client.post(`/api/v1/spaces/${space.id}/topics`, { title, body: `${title} : bilan.` });
      expect(response.status).toBe(201);
    }
    await context.drainOutbox();
    const health = await client.get('/api/health');
    expect(health.body).toMatchObject({ status: 'degraded', search: { status: 'down' } });
    expect(health.body.outbox.pending).toBeGreaterThanOrEqual(titles.length);
    expect(health.body.outbox.failing).toBeGreaterThan(0);
    const refused = await client.get('/api/v1/search').query({ q: 'halte' });
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({
      title: 'Recherche indisponible',
      detail: expect.stringMatching(/momentanément/),
    });
    expect((await client.get('/api/v1/topics')).status).toBe(200);

    await meilisearch.start(port);
    expect(await availability.check()).toBe(true);
    await context.drainOutbox();
    for (const q of ['halte chaleur', 'epicerie solidaire', 'navette aines']) {
      const found = await client.get('/api/v1/search').query({ q, type: 'topic' });
      expect(found.status).toBe(200);
      expect(found.body.items).toHaveLength(1);
    }
    expect((await client.get('/api/health')).body.outbox).toMatchObject({ pending: 0, failing: 0 });
  });
});
