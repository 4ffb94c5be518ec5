import { Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';

import { OutboxService } from '../outbox/outbox.service';
import { SEARCH_INDEX } from './search-events';
import { SearchIndexer } from './search-indexer';

/** Events per indexing batch: Meilisearch indexes large batches much faster per document than small ones. */
const BATCH_SIZE = 2000;
/**
 * Batches in flight per process: while Meilisearch indexes one, the next are read from PostgreSQL and queued behind it
 * (it then takes them together). A backlog of 100,000 on the bench data: one lane drained 2,500 to 2,700 documents/s,
 * Meilisearch idle between batches a third of the time; two 4,200 to 4,500; three 4,900 to 5,500; four no more.
 */
const LANES = 3;
/** Indexing retries within a minute at worst: Meilisearch coming back should show quickly. */
const MAX_BACKOFF_SECONDS = 60;

/**
 * Makes this Nest application the one that prepares the content index at start and carries out search indexing events:
 * the indexer thread's, or the api's own with SEARCH_INDEXING=inline (the tests). An application without it leaves
 * them in the outbox for one that has it.
 */
@Injectable()
export class SearchOutboxHandler implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly outbox: OutboxService,
    private readonly indexer: SearchIndexer,
  ) {}

  onModuleInit(): void {
    this.outbox.registerBatch(SEARCH_INDEX, (events) => this.indexer.syncEvents(events), {
      maxBackoffSeconds: MAX_BACKOFF_SECONDS,
      batchSize: BATCH_SIZE,
      lanes: LANES,
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.indexer.prepareIndex();
  }
}
