import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';

import type { Role } from '@maillage/contracts';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';

import { createApp } from '../src/bootstrap';
import { createLogger } from '../src/common/logger';
import { AppConfig } from '../src/config/app-config';
import type { UserEntity } from '../src/identity/entities/user.entity';
import { IdentityService } from '../src/identity/identity.service';
import { OrganizationsService } from '../src/organizations/organizations.service';
import { OutboxWorker } from '../src/outbox/outbox.worker';
import { SeedService } from '../src/seed/seed.service';
import { databaseUrlFor } from './database-url';

export const TEST_PASSWORD = 'mot-de-passe-de-test';

/** A browser-like client: keeps cookies, and echoes the CSRF cookie on state-changing requests. */
export class TestClient {
  private csrf = '';
  readonly agent: ReturnType<typeof request.agent>;

  constructor(app: NestExpressApplication) {
    this.agent = request.agent(app.getHttpServer());
  }

  /** Loads a page first, as a browser does, to receive the CSRF cookie. */
  async start(): Promise<this> {
    const response = await this.agent.get('/api/health');
    const cookie = ([] as string[])
      .concat(response.headers['set-cookie'] ?? [])
      .find((line) => line.startsWith('maillage_csrf='));
    this.csrf = cookie?.split(';')[0]?.split('=')[1] ?? '';
    return this;
  }

  get(path: string) {
    return this.agent.get(path);
  }

  post(path: string, body?: object | string) {
    const call = this.agent.post(path).set('X-CSRF-Token', this.csrf);
    return body === undefined
      ? call
      : typeof body === 'string'
        ? call.set('Content-Type', 'application/json').send(body)
        : call.send(body);
  }

  patch(path: string, body?: object | string) {
    const call = this.agent.patch(path).set('X-CSRF-Token', this.csrf);
    return body === undefined
      ? call
      : typeof body === 'string'
        ? call.set('Content-Type', 'application/json').send(body)
        : call.send(body);
  }

  put(path: string, body?: object | string) {
    const call = this.agent.put(path).set('X-CSRF-Token', this.csrf);
    return body === undefined
      ? call
      : typeof body === 'string'
        ? call.set('Content-Type', 'application/json').send(body)
        : call.send(body);
  }

  delete(path: string) {
    return this.agent.delete(path).set('X-CSRF-Token', this.csrf);
  }
}

export interface TestContext {
  app: NestExpressApplication;
  config: AppConfig;
  dataSource: DataSource;
  client(): Promise<TestClient>;
  /** A member created directly in the database (factory), with TEST_PASSWORD. */
  makeMember(options?: {
    role?: Role;
    organization?: string;
    displayName?: string;
    email?: string;
  }): Promise<UserEntity>;
  loginAs(user: Pick<UserEntity, 'email'>, password?: string): Promise<TestClient>;
  /** A new member (factory) and a client signed in as them. */
  signedInMember(options?: Parameters<TestContext['makeMember']>[0]): Promise<{ user: UserEntity; client: TestClient }>;
  spaceBySlug(slug: string): Promise<{ id: string }>;
  drainOutbox(): Promise<number>;
  /** Starts listening on a free port (for socket tests) and returns the base URL. */
  listen(): Promise<string>;
  /** The session cookie of a signed-in client, for a socket.io handshake. */
  cookieOf(client: TestClient): Promise<string>;
  close(): Promise<void>;
}

/** A whole api on its own copy of the migrated template database, with the regional structure seeded. */
export async function createTestContext(overrides: Record<string, string> = {}): Promise<TestContext> {
  const baseUrl = process.env.MAILLAGE_TEST_DATABASE_URL;
  if (!baseUrl) throw new Error('The test database is not running: run the tests through jest (global setup)');
  const databaseName = `test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: databaseUrlFor(baseUrl, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${databaseName} TEMPLATE maillage_template`);
  await admin.end();

  const dataDir = await mkdtemp(join(process.env.MAILLAGE_TEST_FOLDER ?? '/tmp', 'data-'));
  const config = AppConfig.fromEnvironment({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrlFor(baseUrl, databaseName),
    MEILI_URL: process.env.MAILLAGE_TEST_MEILI_URL,
    MEILI_MASTER_KEY: process.env.MAILLAGE_TEST_MEILI_KEY,
    MEILI_INDEX_PREFIX: `${databaseName}_`,
    DATA_DIR: dataDir,
    WEB_DIST: join(dataDir, 'no-web-build'),
    LOG_LEVEL: 'silent',
    // Tests refresh the portrait's figures when they want them.
    PORTRAIT_REFRESH_MINUTES: '0',
    // Indexing on the test's own event loop, so that draining the outbox (OutboxWorker.drainNow) indexes; the indexer
    // thread has its own spec.
    SEARCH_INDEXING: 'inline',
    ...overrides,
  });
  const app = await createApp(config, createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'));
  await app.get(SeedService).seedRegionalStructure();
  const identity = app.get(IdentityService);
  const dataSource = app.get(DataSource);
  let counter = 0;

  const context: TestContext = {
    app,
    config,
    dataSource,
    client: () => new TestClient(app).start(),
    async makeMember(options = {}) {
      const n = ++counter;
      const organization = await app.get(OrganizationsService).findBySlug(options.organization ?? 'la-mitis');
      return dataSource.transaction((manager) =>
        identity.createAccount(manager, {
          email: options.email ?? `membre${n}.${randomBytes(3).toString('hex')}@exemple.ca`,
          displayName: options.displayName ?? `Membre ${n}`,
          role: options.role ?? 'member',
          organizationId: organization?.id ?? null,
          password: TEST_PASSWORD,
        }),
      );
    },
    async loginAs(user, password = TEST_PASSWORD) {
      const client = await context.client();
      const response = await client.post('/api/v1/auth/login', { email: user.email, password });
      if (response.status !== 204) throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
      return client;
    },
    async signedInMember(options = {}) {
      const user = await context.makeMember(options);
      return { user, client: await context.loginAs(user) };
    },
    async spaceBySlug(slug) {
      const [row] = await dataSource.query('SELECT id FROM spaces WHERE slug = $1', [slug]);
      if (!row) throw new Error(`no space ${slug}`);
      return row;
    },
    drainOutbox: () => app.get(OutboxWorker).drainNow(),
    async listen() {
      await app.listen(0, '127.0.0.1');
      const address = app.getHttpServer().address() as { port: number };
      return `http://127.0.0.1:${address.port}`;
    },
    async cookieOf(client) {
      const cookies = (
        client.agent as unknown as { jar: { getCookies(access: object): { toValueString(): string }[] } }
      ).jar.getCookies({
        domain: '127.0.0.1',
        path: '/',
        secure: false,
        script: false,
      });
      return cookies.map((cookie) => cookie.toValueString()).join('; ');
    },
    async close() {
      await app.close();
      const cleanup = new Client({ connectionString: databaseUrlFor(baseUrl, 'postgres') });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
      await cleanup.end();
    },
  };
  return context;
}
