import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import type * as EmbeddedPostgres from '../../apps/api/src/runtime/embedded-postgres';

export const root = resolve(__dirname, '../../..');

export const freePort = () =>
  new Promise<number>((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });

export interface RunningPlatform {
  url: string;
  /** The embedded PostgreSQL the platform started, reached as the api does: postmaster.pid and the secrets. */
  databaseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts the built platform on the embedded default, as `npm start` does (or on the services `environment` names),
 * and waits for /api/health.
 */
export async function startPlatform(
  dataDir: string,
  port: number,
  nodeArguments: string[] = [],
  environment: Record<string, string> = {},
): Promise<RunningPlatform> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArguments, join(root, 'dist/apps/api/main.js')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      ...environment,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the platform exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('the platform did not become healthy in 120 s');
    const healthy = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((wake) => setTimeout(wake, 250));
  }
  return {
    url,
    databaseUrl: environment.DATABASE_URL ?? (await embeddedDatabaseUrl(dataDir)),
    pid: child.pid!,
    stop: () =>
      new Promise((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

async function embeddedDatabaseUrl(dataDir: string): Promise<string> {
  // The api's own rule (its socket when the cluster has one): the floor then pays what the api pays.
  const { EmbeddedDatabase }: typeof EmbeddedPostgres = await import(
    join(root, 'dist/apps/api/runtime/embedded-postgres.js')
  );
  const directory = join(dataDir, 'postgres');
  const port = await EmbeddedDatabase.runningPort(directory);
  if (!port) throw new Error(`no embedded PostgreSQL runs in ${directory}`);
  const secrets = JSON.parse(await readFile(join(dataDir, 'embedded-secrets.json'), 'utf8')) as {
    postgresPassword: string;
  };
  return EmbeddedDatabase.connectionUrl(secrets.postgresPassword, port, directory);
}

/** The address and key of the Meilisearch a platform started in `dataDir`, for a second api process to share. */
export async function embeddedSearchOf(dataDir: string): Promise<{ url: string; masterKey: string }> {
  const pid = (await readFile(join(dataDir, 'meilisearch.pid'), 'utf8')).trim();
  const commandLine = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
  const address = commandLine.find((part) => part.startsWith('--http-addr='))?.slice('--http-addr='.length);
  const secrets = JSON.parse(await readFile(join(dataDir, 'embedded-secrets.json'), 'utf8')) as {
    meiliMasterKey: string;
  };
  return { url: `http://${address}`, masterKey: secrets.meiliMasterKey };
}

/**
 * A platform for a benchmark: a fresh data folder under the system's temporary one (readable by the postgres user),
 * and the api's CPU profile written to BENCH_PROFILE when it is set.
 */
export async function startBenchPlatform(
  name: string,
  environment: Record<string, string> = {},
): Promise<{ platform: RunningPlatform; dataDir: string }> {
  const dataDir = await benchDataDir(name);
  const profile = process.env.BENCH_PROFILE;
  const platform = await startPlatform(
    dataDir,
    await freePort(),
    profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [],
    environment,
  );
  return { platform, dataDir };
}

export async function benchDataDir(name: string): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), `maillage-bench-${name}-`));
  await chmod(dataDir, 0o755);
  return dataDir;
}

/** Signs in and returns the headers a browser would send: session cookie, CSRF cookie and header. */
export async function signIn(url: string, email: string, password: string): Promise<Record<string, string>> {
  const first = await fetch(`${url}/api/health`);
  const csrf = /maillage_csrf=([^;]+)/.exec(first.headers.get('set-cookie') ?? '')?.[1] ?? '';
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, cookie: `maillage_csrf=${csrf}` },
    body: JSON.stringify({ email, password }),
  });
  if (login.status !== 204) throw new Error(`bench sign-in failed: ${login.status} ${await login.text()}`);
  const session = /maillage_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
  return { cookie: `maillage_csrf=${csrf}; maillage_session=${session}`, 'x-csrf-token': csrf };
}
