import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from 'pg';
import { createClient } from 'redis';

import { createLogger } from '../src/common/logger';
import { migrateDatabase } from '../src/database/data-source';
import { EmbeddedSearch } from '../src/runtime/embedded-meilisearch';
import { EmbeddedDatabase } from '../src/runtime/embedded-postgres';
import { databaseUrlFor } from './database-url';

declare global {
  var maillageTestServices: { database: EmbeddedDatabase; search: EmbeddedSearch } | undefined;
}

export const TEMPLATE_DATABASE = 'maillage_template';

/**
 * Starts a real PostgreSQL and a real Meilisearch for the whole run, on free ports under a temporary folder, and
 * migrates a template database that each test file copies (CREATE DATABASE … TEMPLATE), so files run isolated.
 */
export default async function globalSetup(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'maillage-test-'));
  await chmod(folder, 0o755);
  const logger = createLogger('warn');
  const database = new EmbeddedDatabase(join(folder, 'postgres'), 'test', logger);
  const search = new EmbeddedSearch(folder, 'test-master-key-0123456789', logger);
  const [databaseUrl, meiliUrl] = await Promise.all([database.start(), search.start()]);
  globalThis.maillageTestServices = { database, search };

  const admin = new Client({ connectionString: databaseUrlFor(databaseUrl, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();
  const templateUrl = databaseUrlFor(databaseUrl, TEMPLATE_DATABASE);
  await migrateDatabase(templateUrl, logger);

  process.env.MAILLAGE_TEST_DATABASE_URL = databaseUrl;
  process.env.MAILLAGE_TEST_MEILI_URL = meiliUrl;
  process.env.MAILLAGE_TEST_MEILI_KEY = 'test-master-key-0123456789';
  process.env.MAILLAGE_TEST_FOLDER = folder;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (await redisAnswers(redisUrl)) process.env.MAILLAGE_TEST_REDIS_URL = redisUrl;
}

/** Whether a Redis answers at this address: the tests of several api processes need one and are skipped without. */
async function redisAnswers(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    if (client.isOpen) await client.quit();
  }
}
