import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { DataSource } from 'typeorm';

import { createLogger } from '../common/logger';
import { EmbeddedDatabase } from '../runtime/embedded-postgres';
import { dataSourceOptions, pendingSchemaChanges, runMigrations } from './data-source';

/**
 * Writes a migration for the difference between the entities and the migrations so far, into the given domain
 * module's migrations folder. Uses DATABASE_URL when set, else a throwaway embedded PostgreSQL.
 * Usage: npm run migration:generate -- <module> <ClassName>
 */
async function main(): Promise<void> {
  const [module, name] = process.argv.slice(2);
  if (!module || !name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    throw new Error('Usage: npm run migration:generate -- <module folder> <PascalCaseName>');
  }
  const logger = createLogger('warn');
  const embedded = process.env.DATABASE_URL
    ? undefined
    : new EmbeddedDatabase(join(await mkdtemp(join(tmpdir(), 'maillage-migration-')), 'pg'), 'generate', logger);
  const databaseUrl = process.env.DATABASE_URL ?? (await embedded!.start());
  const dataSource = new DataSource(dataSourceOptions(databaseUrl, 'maillage-migration-generator'));
  try {
    await dataSource.initialize();
    await runMigrations(dataSource);
    const { up, down } = await pendingSchemaChanges(dataSource);
    if (up.length === 0) {
      console.log('The migrations already match the entities: nothing to generate.');
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const kebab = name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
    const file = resolve(__dirname, '../../../../apps/api/src', module, 'migrations', `${timestamp}-${kebab}.ts`);
    const statements = (queries: string[]) =>
      queries
        .map((query) => `    await queryRunner.query(\`${query.replace(/[`\\]|\$\{/g, (match) => `\\${match}`)}\`);`)
        .join('\n');
    await writeFile(
      file,
      `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${statements(up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${statements(down.reverse())}
  }
}
`,
    );
    console.log(`Wrote ${file}\nAdd ${className} to the migrations list in apps/api/src/database/schema.ts.`);
  } finally {
    await dataSource.destroy().catch(() => undefined);
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
