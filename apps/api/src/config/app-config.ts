import { resolve } from 'node:path';

import { z } from 'zod';

/** The development session secret: production refuses to start with it. */
export const DEVELOPMENT_SESSION_SECRET = 'maillage-development-secret-never-use-in-production';

/**
 * Connections per api process. A statement holds its connection until the process reads the answer, which a process
 * busy writing to thousands of sockets does a turn later (50 to 200 ms): with 8, a channel sending 50 messages a
 * second at 5,000 clients waited for connections and fell seconds behind (bench/chat: p99 2.5 s; 0.33 s with 32).
 * Forum reads and writes measured no slower with 32 than with 8 (bench/forums, the same day).
 */
export const DEFAULT_DATABASE_POOL_SIZE = 32;

const optionalUrl = (protocols: string[]) => z.url({ protocol: new RegExp(`^(${protocols.join('|')})$`) }).optional();

/**
 * Every environment variable the api reads, what it is for, and how it is checked. The README's table is written
 * from this list.
 */
export const environmentVariables = {
  NODE_ENV: {
    purpose: '`production` refuses default secrets and never seeds demo data; `development` (default) or `test`',
    schema: z.enum(['development', 'production', 'test']).default('development'),
  },
  PORT: {
    purpose: 'HTTP port of the api and web client (default 3000)',
    schema: z.coerce.number().int().min(0).max(65535).default(3000),
  },
  HOST: { purpose: 'interface to listen on (default 0.0.0.0)', schema: z.string().default('0.0.0.0') },
  DATA_DIR: {
    purpose: 'where embedded Postgres and Meilisearch keep their data, and mail and files are written (default .data)',
    schema: z.string().default('.data'),
  },
  PUBLIC_URL: {
    purpose: 'address members use, for links in emails (default http://localhost:PORT)',
    schema: optionalUrl(['http', 'https']),
  },
  DATABASE_URL: {
    purpose: 'PostgreSQL 16+ connection string; when unset an embedded PostgreSQL is started',
    schema: optionalUrl(['postgres', 'postgresql']),
  },
  DATABASE_POOL_SIZE: {
    purpose: 'connections each api process keeps open to PostgreSQL (default 32)',
    schema: z.coerce.number().int().min(2).max(500).default(DEFAULT_DATABASE_POOL_SIZE),
  },
  MEILI_URL: {
    purpose: 'Meilisearch 1.21 address; when unset an embedded Meilisearch is started',
    schema: optionalUrl(['http', 'https']),
  },
  MEILI_MASTER_KEY: {
    purpose: 'Meilisearch master key, required with MEILI_URL in production',
    schema: z.string().min(16).optional(),
  },
  MEILI_INDEX_PREFIX: {
    purpose: 'prefix of the Meilisearch index names, to share one Meilisearch between deployments (default maillage_)',
    schema: z
      .string()
      .regex(/^[a-z0-9_-]{1,40}$/, 'lowercase letters, digits, - and _ only')
      .default('maillage_'),
  },
  SEARCH_INDEXING: {
    purpose:
      '`thread` (default): search indexing in a worker thread of each api process, off its event loop; `inline`: on it',
    schema: z.enum(['thread', 'inline']).default('thread'),
  },
  REDIS_URL: {
    purpose: 'Redis address, to carry socket.io events between several api processes (optional with one process)',
    schema: optionalUrl(['redis', 'rediss']),
  },
  REALTIME_STREAM: {
    purpose: 'name of the Redis stream the api processes share socket.io events through (default maillage:socket.io)',
    schema: z
      .string()
      .regex(/^[\w:.-]{1,100}$/)
      .default('maillage:socket.io'),
  },
  CHAT_SEND_LIMIT: {
    purpose: 'messages one member may send in 10 seconds before being asked to wait (default 20)',
    schema: z.coerce.number().int().min(1).max(100_000).default(20),
  },
  SMTP_URL: {
    purpose: 'SMTP server (smtp:// or smtps://); when unset mail is written under DATA_DIR/mail',
    schema: optionalUrl(['smtp', 'smtps']),
  },
  MAIL_FROM: {
    purpose: 'sender of outgoing mail',
    schema: z.string().default('Maillage <ne-pas-repondre@maillage.local>'),
  },
  SESSION_SECRET: {
    purpose: 'secret (32+ characters) keying the hashes of session and invitation tokens; required in production',
    schema: z.string().min(32).default(DEVELOPMENT_SESSION_SECRET),
  },
  FILES_DIR: {
    purpose: 'where the library keeps uploaded files (default DATA_DIR/files); one shared folder for every api process',
    schema: z.string().optional(),
  },
  UPLOAD_MAX_MB: {
    purpose: 'largest file the library accepts, in megabytes (default 50)',
    schema: z.coerce.number().int().min(1).max(2048).default(50),
  },
  WEB_DIST: {
    purpose: 'folder of the built web client served by the api (default dist/apps/web)',
    schema: z.string().default('dist/apps/web'),
  },
  PORTRAIT_REFRESH_MINUTES: {
    purpose:
      'how old the network portrait’s figures may grow before they are recomputed (default 30; 0: only by `npm run admin -- refresh-portrait`)',
    schema: z.coerce.number().int().min(0).max(1440).default(30),
  },
  LOG_LEVEL: {
    purpose: 'fatal, error, warn, info (default), debug or silent',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  },
} as const;

type Variables = typeof environmentVariables;
type Parsed = { [K in keyof Variables]: z.infer<Variables[K]['schema']> };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

export class AppConfig {
  readonly environment: Parsed['NODE_ENV'];
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly publicUrl: string;
  readonly databaseUrl: string | undefined;
  readonly databasePoolSize: number;
  readonly meiliUrl: string | undefined;
  readonly meiliMasterKey: string | undefined;
  readonly meiliIndexPrefix: string;
  readonly searchIndexing: Parsed['SEARCH_INDEXING'];
  readonly redisUrl: string | undefined;
  readonly realtimeStream: string;
  readonly chatSendLimit: number;
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  readonly sessionSecret: string;
  readonly filesDir: string;
  readonly uploadMaxBytes: number;
  readonly webDist: string;
  readonly portraitRefreshMinutes: number;
  readonly logLevel: Parsed['LOG_LEVEL'];

  private constructor(values: Parsed) {
    this.environment = values.NODE_ENV;
    this.port = values.PORT;
    this.host = values.HOST;
    this.dataDir = resolve(values.DATA_DIR);
    this.publicUrl = (values.PUBLIC_URL ?? `http://localhost:${values.PORT}`).replace(/\/$/, '');
    this.databaseUrl = values.DATABASE_URL;
    this.databasePoolSize = values.DATABASE_POOL_SIZE;
    this.meiliUrl = values.MEILI_URL;
    this.meiliMasterKey = values.MEILI_MASTER_KEY;
    this.meiliIndexPrefix = values.MEILI_INDEX_PREFIX;
    this.searchIndexing = values.SEARCH_INDEXING;
    this.redisUrl = values.REDIS_URL;
    this.realtimeStream = values.REALTIME_STREAM;
    this.chatSendLimit = values.CHAT_SEND_LIMIT;
    this.smtpUrl = values.SMTP_URL;
    this.mailFrom = values.MAIL_FROM;
    this.sessionSecret = values.SESSION_SECRET;
    this.filesDir = resolve(values.FILES_DIR ?? `${values.DATA_DIR}/files`);
    this.uploadMaxBytes = values.UPLOAD_MAX_MB * 1024 * 1024;
    this.webDist = resolve(values.WEB_DIST);
    this.portraitRefreshMinutes = values.PORTRAIT_REFRESH_MINUTES;
    this.logLevel = values.LOG_LEVEL;
  }

  get isProduction(): boolean {
    return this.environment === 'production';
  }

  /** Embedded services are a development convenience: started only for what no URL names. */
  get usesEmbeddedDatabase(): boolean {
    return !this.databaseUrl;
  }

  get usesEmbeddedSearch(): boolean {
    return !this.meiliUrl;
  }

  /** Reads and checks the environment; throws a ConfigError naming every bad variable and what it is for. */
  static fromEnvironment(env: NodeJS.ProcessEnv = process.env): AppConfig {
    const problems: string[] = [];
    const values: Record<string, unknown> = {};
    for (const [name, variable] of Object.entries(environmentVariables)) {
      const raw = env[name] === '' ? undefined : env[name];
      const result = (variable.schema as z.ZodType).safeParse(raw);
      if (result.success) values[name] = result.data;
      else problems.push(`${name}: ${result.error.issues[0]?.message ?? 'invalid'} (${variable.purpose})`);
    }
    if (problems.length === 0 && values.NODE_ENV === 'production') {
      if (values.SESSION_SECRET === DEVELOPMENT_SESSION_SECRET) {
        problems.push(`SESSION_SECRET: must be set in production (${environmentVariables.SESSION_SECRET.purpose})`);
      }
      if (values.MEILI_URL && !values.MEILI_MASTER_KEY) {
        problems.push(
          `MEILI_MASTER_KEY: required with MEILI_URL in production (${environmentVariables.MEILI_MASTER_KEY.purpose})`,
        );
      }
    }
    if (problems.length > 0) throw new ConfigError(problems);
    return new AppConfig(values as Parsed);
  }

  /** A configuration passed to a worker thread as its fields (a structured clone keeps no class), whole again. */
  static revive(fields: object): AppConfig {
    return Object.assign(Object.create(AppConfig.prototype) as AppConfig, fields);
  }

  /** A copy with the addresses of the services started for this run (embedded mode). */
  withServices(services: { databaseUrl: string; meiliUrl: string; meiliMasterKey: string }): AppConfig {
    return AppConfig.revive({ ...this, ...services });
  }
}
