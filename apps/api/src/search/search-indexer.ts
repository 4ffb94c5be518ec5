import { setTimeout } from 'node:timers/promises';

import type { SearchType } from '@maillage/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EnqueuedTask, EnqueuedTaskPromise, Meilisearch, Task } from 'meilisearch';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';

import { mapInSlices } from '../common/event-loop/map-in-slices';
import { LOGGER } from '../common/logger.provider';
import { OutboxDeferral, type OutboxEventRef } from '../outbox/outbox.service';
import { conceptsOf, CONTENT_SETTINGS } from './content-settings';
import { documentUid, type SearchDocument, type SearchSource } from './search-document';
import { SearchEngine } from './search-engine';
import type { SearchSyncPayload } from './search-events';

/**
 * Advisory lock a rebuild holds exclusively; indexing holds it shared. While a rebuild runs, indexing events wait in
 * the outbox and reach the new index once it is swapped in.
 */
const REBUILD_LOCK = 7_340_001;
/** Held by the one indexing batch that reads documents from Postgres and writes them to Meilisearch. */
const WRITER_LOCK = 7_340_002;
const REBUILD_PAGE = 2000;
const TASK_TIMEOUT_MS = 120_000;
const TASK_POLL_MS = 10;

export interface RebuildProgress {
  type: SearchType;
  done: number;
  total: number;
}

/** What the index stores: the source's document and the concepts (synonym groups) its text mentions. */
const indexable = (document: SearchDocument) => ({
  ...document,
  concepts: conceptsOf(document.title, document.tags.join(' '), document.body, document.context),
});

/**
 * Waits for a Meilisearch task and turns a failed one into an error, so that the outbox retries it. Polls by hand:
 * the client's own `waitTask` adds a listener to one abort signal per poll and never removes it.
 */
async function settled(client: Meilisearch, enqueued: EnqueuedTask | EnqueuedTaskPromise): Promise<Task> {
  const { taskUid } = await enqueued;
  const deadline = Date.now() + TASK_TIMEOUT_MS;
  for (;;) {
    const task = await client.tasks.getTask(taskUid);
    if (task.status === 'succeeded') return task;
    if (task.status === 'failed' || task.status === 'canceled')
      throw Object.assign(new Error(`Meilisearch task ${taskUid} ${task.status}: ${task.error?.message ?? ''}`), {
        code: task.error?.code,
      });
    if (Date.now() > deadline)
      throw new Error(`Meilisearch task ${taskUid} still ${task.status} after ${TASK_TIMEOUT_MS} ms`);
    await setTimeout(TASK_POLL_MS);
  }
}

/**
 * Keeps the content index in step with Postgres. Pillars register a SearchSource for their types; outbox events name
 * documents (SearchOutboxHandler hands them over, in the one thread of a process that indexes), and each batch reloads
 * them from their sources and writes or removes them — idempotent, in any order.
 */
@Injectable()
export class SearchIndexer {
  private readonly sources = new Map<SearchType, SearchSource>();
  private ready?: Promise<boolean>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: SearchEngine,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  addSource(source: SearchSource): void {
    if (this.sources.has(source.type)) throw new Error(`Search type ${source.type} has two sources`);
    this.sources.set(source.type, source);
  }

  /**
   * Prepares the content index, in the application that indexes (SearchOutboxHandler). When it had to be created while
   * the database already holds documents (a new or lost Meilisearch beside existing data), it is filled from
   * PostgreSQL in the background.
   */
  async prepareIndex(): Promise<void> {
    try {
      if (!(await this.ensureIndex()) || !(await this.hasDocuments())) return;
      this.logger.info('search index created beside existing data: rebuilding it from the database');
      void this.rebuild().then(
        (written) => this.logger.info({ written }, 'search index rebuilt'),
        (error: unknown) =>
          this.logger.error({ err: error }, 'search index rebuild failed; run npm run admin -- reindex'),
      );
    } catch (error) {
      this.logger.warn({ err: error }, 'search index not ready; indexing will retry when Meilisearch answers');
    }
  }

  /** Creates the content index and applies its settings, once per process (again after a failure); true if created. */
  ensureIndex(): Promise<boolean> {
    this.ready ??= this.prepare(this.engine.contentIndex).catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private async prepare(uid: string): Promise<boolean> {
    const client = this.engine.client;
    const created = await settled(client, client.createIndex(uid, { primaryKey: 'uid' })).then(
      () => true,
      (error: { code?: string }) => {
        if (error.code === 'index_already_exists') return false;
        throw error;
      },
    );
    await settled(client, client.index(uid).updateSettings(CONTENT_SETTINGS));
    return created;
  }

  private async hasDocuments(): Promise<boolean> {
    for (const source of this.sources.values()) if ((await source.count(this.dataSource.manager)) > 0) return true;
    return false;
  }

  /** Writes the current state of the documents these outbox events name. */
  async syncEvents(events: OutboxEventRef[]): Promise<void> {
    const refs = new Map<string, SearchSyncPayload>();
    for (const { payload } of events) {
      const ref = payload as SearchSyncPayload;
      refs.set(documentUid(ref.type, ref.id), ref);
    }
    const tasks = await this.dataSource.transaction(async (manager) => {
      const [{ free }] = await manager.query('SELECT pg_try_advisory_xact_lock_shared($1) AS free', [REBUILD_LOCK]);
      if (!free) throw new OutboxDeferral('the search index is being rebuilt', 5);
      // Two batches (two lanes, two api processes) given the same document could otherwise queue its writes in the
      // opposite order to their reads, leaving the older state indexed. Reading and queueing one batch at a time, while
      // Meilisearch applies an index's tasks in the order they were queued, orders every read with its write.
      await manager.query('SELECT pg_advisory_xact_lock($1)', [WRITER_LOCK]);
      await this.ensureIndex();
      return this.queue(manager, [...refs.values()]);
    });
    for (const task of tasks) await settled(this.engine.client, task);
  }

  /** Queues the current state of these documents: loaded ones replaced, missing ones removed. */
  private async queue(manager: EntityManager, refs: readonly SearchSyncPayload[]): Promise<EnqueuedTask[]> {
    const byType = new Map<SearchType, string[]>();
    for (const ref of refs) {
      const ids = byType.get(ref.type) ?? [];
      ids.push(ref.id);
      byType.set(ref.type, ids);
    }
    const documents: SearchDocument[] = [];
    const gone: string[] = [];
    for (const [type, ids] of byType) {
      const source = this.sources.get(type);
      if (!source) {
        this.logger.warn({ type, count: ids.length }, 'search events for a type without a source were dropped');
        continue;
      }
      const loaded = await source.load(manager, ids);
      const found = new Set(loaded.map((document) => document.id));
      documents.push(...loaded);
      gone.push(...ids.filter((id) => !found.has(id)).map((id) => documentUid(type, id)));
    }
    const index = this.engine.client.index(this.engine.contentIndex);
    const tasks: EnqueuedTask[] = [];
    if (documents.length > 0) tasks.push(await index.addDocuments(await mapInSlices(documents, indexable)));
    if (gone.length > 0) tasks.push(await index.deleteDocuments(gone));
    return tasks;
  }

  /**
   * Rebuilds the content index from Postgres without search downtime: a fresh index is filled aside, then swapped in
   * one Meilisearch operation; members keep searching the old one meanwhile. Indexing events wait during the rebuild
   * (advisory lock) and then apply to the new index, so no write made meanwhile is lost.
   */
  async rebuild(onProgress: (progress: RebuildProgress) => void = () => undefined): Promise<number> {
    const client = this.engine.client;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let written = 0;
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [REBUILD_LOCK]);
      await this.ensureIndex();
      await client.deleteIndexIfExists(this.engine.rebuildIndex);
      await this.prepare(this.engine.rebuildIndex);
      const target = client.index(this.engine.rebuildIndex);
      for (const source of this.sources.values()) {
        const total = await source.count(runner.manager);
        let done = 0;
        let after: string | null = null;
        onProgress({ type: source.type, done, total });
        const inFlight: Promise<Task>[] = [];
        for (;;) {
          const page = await source.scan(runner.manager, after, REBUILD_PAGE);
          if (page.lastId === null) break;
          after = page.lastId;
          if (page.documents.length > 0) {
            const task = settled(client, target.addDocuments(await mapInSlices(page.documents, indexable)));
            // Awaited below in order; a failure meanwhile must not count as unhandled.
            task.catch(() => undefined);
            inFlight.push(task);
          }
          // A few batches in flight keep Meilisearch busy while Postgres reads the next page.
          if (inFlight.length >= 4) await inFlight.shift();
          done += page.scanned;
          written += page.documents.length;
          onProgress({ type: source.type, done: Math.min(done, total), total });
        }
        await Promise.all(inFlight);
      }
      await settled(
        client,
        client.swapIndexes([{ indexes: [this.engine.contentIndex, this.engine.rebuildIndex], rename: false }]),
      );
      await settled(client, client.deleteIndex(this.engine.rebuildIndex));
      return written;
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [REBUILD_LOCK]).catch(() => undefined);
      await runner.release();
    }
  }
}
