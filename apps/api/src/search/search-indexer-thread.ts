import { once } from 'node:events';
import { join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';

import { LOGGER } from '../common/logger.provider';
import { AppConfig } from '../config/app-config';
import { OutboxService } from '../outbox/outbox.service';

/** What the api tells its indexer thread: events are due (a commit queued some), or stop. */
export type IndexerThreadCommand = 'wake' | 'stop';
/** What the thread tells the api: it runs. */
export type IndexerThreadReport = 'ready';
export interface IndexerThreadData {
  /** The api's AppConfig as its fields: a structured clone keeps no class (AppConfig.revive). */
  config: Readonly<Record<string, unknown>>;
}

const RESTART_DELAY_MS = 5000;
/** A stopping thread finishes the batch in hand; one that takes longer is ended, its events return to the outbox. */
const STOP_TIMEOUT_MS = 30_000;

/**
 * The thread's entry: the compiled file, or — when the api runs from its TypeScript sources (the tests) — the source,
 * compiled as it loads by ts-node with swc.
 */
function threadEntry(): { filename: string; options: WorkerOptions } {
  const entry = join(__dirname, '..', 'indexer-thread');
  if (!__filename.endsWith('.ts')) return { filename: `${entry}.js`, options: {} };
  const project = join(__dirname, '..', '..', 'tsconfig.json');
  return {
    filename: `require('ts-node').register({ swc: true, transpileOnly: true, project: ${JSON.stringify(project)} });
      require(${JSON.stringify(`${entry}.ts`)});`,
    options: { eval: true },
  };
}

/**
 * Runs search indexing in a worker thread of this process (SEARCH_INDEXING=thread): building a window's documents,
 * reading them from PostgreSQL and writing them to Meilisearch then take turns of the thread's event loop, not of the
 * one that delivers chat messages (bench/chat: a 100-client channel's p99 49 and 70 ms with indexing on the api's
 * loop, 13 and 20 ms with it elsewhere). The thread's outbox worker claims only search events; the api's commits wake
 * it as they wake the api's own. A thread that stops unasked is started again; nothing waits on it but the outbox.
 */
@Injectable()
export class SearchIndexerThread implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker?: Worker;
  private stopping = false;
  private restart?: NodeJS.Timeout;
  private unsubscribe?: () => void;

  constructor(
    private readonly config: AppConfig,
    private readonly outbox: OutboxService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.outbox.onCommitted(() => this.worker?.postMessage('wake' satisfies IndexerThreadCommand));
    this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restart);
    this.unsubscribe?.();
    const worker = this.worker;
    if (!worker) return;
    const exited = once(worker, 'exit');
    worker.postMessage('stop' satisfies IndexerThreadCommand);
    const deadline = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(deadline);
  }

  private start(): void {
    const { filename, options } = threadEntry();
    const worker = new Worker(filename, {
      ...options,
      name: 'search-indexer',
      workerData: { config: { ...this.config } } satisfies IndexerThreadData,
    });
    worker.on('message', (report: IndexerThreadReport) => {
      if (report === 'ready') this.logger.info('search indexer thread started');
    });
    worker.on('error', (error) => this.logger.error({ err: error }, 'the search indexer thread failed'));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      if (this.stopping) return;
      this.logger.error({ code }, `the search indexer thread stopped; starting it again in ${RESTART_DELAY_MS} ms`);
      this.restart = setTimeout(() => this.start(), RESTART_DELAY_MS);
    });
    this.worker = worker;
  }
}
