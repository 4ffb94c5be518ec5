import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createLogger } from '../common/logger';
import { SearchEngine } from '../search/search-engine';
import { EmbeddedSearch, INDEXING_MEMORY } from './embedded-meilisearch';
import { isAlive } from './process-files';

describe('EmbeddedSearch', () => {
  it('starts with a generated key that begins with a dash, and stops without leaving the process behind', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'maillage-meili-'));
    await chmod(folder, 0o755);
    const key = '-_' + 'k'.repeat(30);
    const search = new EmbeddedSearch(folder, key, createLogger('silent'));
    try {
      const url = await search.start();
      const engine = new SearchEngine(url, key, 'test_');
      expect(await engine.isHealthy()).toBe(true);
      await expect(engine.client.getKeys()).resolves.toBeDefined();
      await expect(new SearchEngine(url, 'not-the-key-0000000000', 'test_').client.getKeys()).rejects.toThrow();
      const pid = Number(await readFile(join(folder, 'meilisearch.pid'), 'utf8'));
      expect(isAlive(pid)).toBe(true);
      // Its indexing memory is bounded rather than two thirds of the machine's (see INDEXING_MEMORY).
      expect((await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0')).toContain(
        `--max-indexing-memory=${INDEXING_MEMORY}`,
      );
      await search.stop();
      expect(isAlive(pid)).toBe(false);
    } finally {
      await search.stop();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
