import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import type { Logger } from 'pino';

import type { AppConfig } from '../config/app-config';
import { EmbeddedSearch } from './embedded-meilisearch';
import { EmbeddedDatabase } from './embedded-postgres';
import { readOrCreateSecrets } from './process-files';

interface EmbeddedSecrets {
  postgresPassword: string;
  meiliMasterKey: string;
}

/**
 * Starts, for each service the configuration does not name, its embedded stand-in (PostgreSQL, Meilisearch) with
 * data under DATA_DIR, and stops them in reverse order. Secrets for them are generated once and kept in DATA_DIR.
 */
export class EmbeddedServices {
  private database?: EmbeddedDatabase;
  private search?: EmbeddedSearch;

  constructor(private readonly logger: Logger) {}

  private async secrets(config: AppConfig): Promise<EmbeddedSecrets> {
    await mkdir(config.dataDir, { recursive: true, mode: 0o755 });
    return readOrCreateSecrets<EmbeddedSecrets>(join(config.dataDir, 'embedded-secrets.json'), () => ({
      postgresPassword: randomBytes(18).toString('base64url'),
      meiliMasterKey: randomBytes(24).toString('base64url'),
    }));
  }

  async start(config: AppConfig): Promise<AppConfig> {
    if (!config.usesEmbeddedDatabase && !config.usesEmbeddedSearch) return config;
    const secrets = await this.secrets(config);
    try {
      let databaseUrl = config.databaseUrl;
      if (!databaseUrl) {
        this.database = new EmbeddedDatabase(join(config.dataDir, 'postgres'), secrets.postgresPassword, this.logger);
        databaseUrl = await this.database.start();
      }
      let meiliUrl = config.meiliUrl;
      let meiliMasterKey = config.meiliMasterKey ?? '';
      if (!meiliUrl) {
        this.search = new EmbeddedSearch(config.dataDir, secrets.meiliMasterKey, this.logger);
        meiliUrl = await this.search.start();
        meiliMasterKey = secrets.meiliMasterKey;
      }
      return config.withServices({ databaseUrl, meiliUrl, meiliMasterKey });
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /**
   * For the command-line tool: the database only. Uses the embedded cluster of a running platform when there is one
   * (its data folder is in use), else starts it for the duration of the command.
   */
  async startDatabase(config: AppConfig): Promise<AppConfig> {
    if (config.databaseUrl) return config;
    const secrets = await this.secrets(config);
    const directory = join(config.dataDir, 'postgres');
    const port = await EmbeddedDatabase.runningPort(directory);
    let databaseUrl: string;
    if (port) databaseUrl = EmbeddedDatabase.connectionUrl(secrets.postgresPassword, port, directory);
    else {
      this.database = new EmbeddedDatabase(directory, secrets.postgresPassword, this.logger);
      databaseUrl = await this.database.start();
    }
    return config.withServices({
      databaseUrl,
      meiliUrl: config.meiliUrl ?? '',
      meiliMasterKey: config.meiliMasterKey ?? '',
    });
  }

  /**
   * For the command-line tool: the database and Meilisearch, each the running platform's when there is one, else
   * started for the duration of the command.
   */
  async startDatabaseAndSearch(config: AppConfig): Promise<AppConfig> {
    const withDatabase = await this.startDatabase(config);
    if (config.meiliUrl) return withDatabase;
    const secrets = await this.secrets(config);
    let meiliUrl = await EmbeddedSearch.runningUrl(config.dataDir);
    if (!meiliUrl) {
      this.search = new EmbeddedSearch(config.dataDir, secrets.meiliMasterKey, this.logger);
      meiliUrl = await this.search.start();
    }
    return withDatabase.withServices({
      databaseUrl: withDatabase.databaseUrl!,
      meiliUrl,
      meiliMasterKey: secrets.meiliMasterKey,
    });
  }

  async stop(): Promise<void> {
    await this.search?.stop().catch((error) => this.logger.error({ err: error }, 'stopping Meilisearch failed'));
    await this.database?.stop().catch((error) => this.logger.error({ err: error }, 'stopping PostgreSQL failed'));
    this.search = undefined;
    this.database = undefined;
  }
}
