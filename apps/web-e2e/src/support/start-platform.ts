import { spawn } from 'node:child_process';
import { chmod, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

declare global {
  var maillagePlatform: { pid: number; dataDir: string } | undefined;
}

const freePort = () =>
  new Promise<number>((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });

/**
 * Starts the built platform exactly as `npm start` does after its build — embedded PostgreSQL and Meilisearch, demo
 * network seeded — in a fresh data folder on a free port.
 */
export default async function startPlatform(): Promise<void> {
  const root = resolve(__dirname, '../../../..');
  const dataDir = await mkdtemp(join(tmpdir(), 'maillage-e2e-'));
  await chmod(dataDir, 0o755);
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'dist/apps/api/main.js')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  globalThis.maillagePlatform = { pid: child.pid!, dataDir };
  process.env.MAILLAGE_E2E_URL = `http://127.0.0.1:${port}`;
  process.env.MAILLAGE_E2E_DATA_DIR = dataDir;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the platform exited with ${child.exitCode} during start-up`);
    const healthy = await fetch(`${process.env.MAILLAGE_E2E_URL}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((wake) => setTimeout(wake, 250));
  }
  child.kill('SIGTERM');
  throw new Error('the platform did not become healthy within 90 s');
}
