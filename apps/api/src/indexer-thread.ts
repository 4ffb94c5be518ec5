import 'reflect-metadata';

import { parentPort, workerData } from 'node:worker_threads';

import { NestFactory } from '@nestjs/core';

import { createLogger, NestPinoLogger } from './common/logger';
import { AppConfig } from './config/app-config';
import { IndexerModule } from './indexer.module';
import { OutboxService } from './outbox/outbox.service';
import type { IndexerThreadCommand, IndexerThreadData, IndexerThreadReport } from './search/search-indexer-thread';

/**
 * The search indexer thread's entry (started by SearchIndexerThread): its own event loop and heap, so that building
 * documents and writing them to Meilisearch never holds up the api's requests and sockets.
 */
async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('indexer-thread runs in a worker thread of the api');
  const config = AppConfig.revive((workerData as IndexerThreadData).config);
  const logger = createLogger(config.logLevel).child({ thread: 'search-indexer' });
  const app = await NestFactory.createApplicationContext(IndexerModule.forRoot(config, logger), {
    logger: new NestPinoLogger(logger),
  });
  const outbox = app.get(OutboxService);
  port.on('message', (command: IndexerThreadCommand) => {
    if (command === 'wake') outbox.notifyCommitted();
    else void app.close().finally(() => port.close());
  });
  port.postMessage('ready' satisfies IndexerThreadReport);
}

void main();
