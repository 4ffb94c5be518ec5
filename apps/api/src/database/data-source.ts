import type { Logger } from 'pino';
import { DataSource, type DataSourceOptions } from 'typeorm';

import { entities, migrations } from './schema';

/** `poolSize`: the api passes DATABASE_POOL_SIZE (see its default); short-lived tools (migrations) keep a few. */
export function dataSourceOptions(
  databaseUrl: string,
  applicationName = 'maillage-api',
  poolSize = 4,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities,
    migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    applicationName,
    extra: { max: poolSize },
  };
}

/** Brings the database's schema up to date, before any module uses it. */
export async function migrateDatabase(databaseUrl: string, logger: Logger): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(databaseUrl, 'maillage-migrations'));
  await dataSource.initialize();
  try {
    const applied = await runMigrations(dataSource);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
  } finally {
    await dataSource.destroy();
  }
}

/** Arbitrary but fixed: serialises migrations when several api processes start at once. */
const MIGRATION_LOCK = 7_200_417;

/** Applies pending migrations under an advisory lock, each in its own transaction. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

/** The SQL that would bring the database in line with the entities: empty when the migrations cover them. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<{ up: string[]; down: string[] }> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return { up: sql.upQueries.map((query) => query.query), down: sql.downQueries.map((query) => query.query) };
}
