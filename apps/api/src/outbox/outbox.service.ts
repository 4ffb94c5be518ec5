import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, IsNull, LessThanOrEqual, MoreThan, Repository } from 'typeorm';

import { newId } from '../database/ids';
import { OutboxEventEntity } from './entities/outbox-event.entity';

export interface OutboxEventRef {
  id: string;
  payload: Record<string, unknown>;
  attempts: number;
}

export type OutboxHandler = (payload: Record<string, unknown>, event: OutboxEventRef) => Promise<void>;

/** Carries out many events of one kind at once (search indexing): all succeed or all are retried. */
export type OutboxBatchHandler = (events: OutboxEventRef[]) => Promise<void>;

export interface OutboxKindOptions {
  /** The longest wait between retries; an hour unless a kind must recover sooner. */
  maxBackoffSeconds?: number;
  /** For a batch handler: the most events it takes at once (500 unless said). */
  batchSize?: number;
  /**
   * For a batch handler: how many batches one process carries out at once during a backlog (one unless said). Search
   * indexing takes three, so that the next batches are read and handed to Meilisearch while it indexes one.
   */
  lanes?: number;
}

export interface RegisteredKind {
  batch: OutboxBatchHandler | null;
  single: OutboxHandler | null;
  maxBackoffSeconds: number;
  batchSize: number;
  lanes: number;
}

/** Kinds the worker claims together, how many rows at most per claim, and how many claims it works on at once. */
export interface ClaimGroup {
  kinds: string[];
  limit: number;
  lanes: number;
}

/**
 * Thrown by a handler that cannot run yet for a reason that is not a failure (the search index is being rebuilt): the
 * events wait `retryInSeconds` without counting an attempt.
 */
export class OutboxDeferral extends Error {
  constructor(
    reason: string,
    readonly retryInSeconds: number,
  ) {
    super(reason);
  }
}

const DEFAULT_MAX_BACKOFF_SECONDS = 3600;
const DEFAULT_BATCH_SIZE = 500;
/** Events handled one by one (mail, notifications) are claimed this many at a time, well inside their lease. */
const SINGLE_CLAIM_LIMIT = 50;

/**
 * Records side effects in the writer's transaction (`enqueue`) and knows, per kind, the handler that carries them out.
 * Handlers must be idempotent: a crash between the effect and the row's deletion runs the effect again.
 */
@Injectable()
export class OutboxService {
  private readonly kinds = new Map<string, RegisteredKind>();
  private readonly listeners = new Set<() => void>();

  constructor(@InjectRepository(OutboxEventEntity) private readonly events: Repository<OutboxEventEntity>) {}

  register(kind: string, handler: OutboxHandler, options: OutboxKindOptions = {}): void {
    this.add(kind, { single: handler, batch: null }, options);
  }

  registerBatch(kind: string, handler: OutboxBatchHandler, options: OutboxKindOptions = {}): void {
    this.add(kind, { single: null, batch: handler }, options);
  }

  private add(kind: string, handlers: Pick<RegisteredKind, 'single' | 'batch'>, options: OutboxKindOptions): void {
    if (this.kinds.has(kind)) throw new Error(`Outbox kind ${kind} has two handlers`);
    this.kinds.set(kind, {
      ...handlers,
      maxBackoffSeconds: options.maxBackoffSeconds ?? DEFAULT_MAX_BACKOFF_SECONDS,
      batchSize: handlers.batch ? (options.batchSize ?? DEFAULT_BATCH_SIZE) : SINGLE_CLAIM_LIMIT,
      lanes: handlers.batch ? (options.lanes ?? 1) : 1,
    });
  }

  /** One claim for the kinds handled one by one, one per batch size for the others. */
  claimGroups(): ClaimGroup[] {
    const groups = new Map<string, ClaimGroup>();
    for (const [kind, registered] of this.kinds) {
      const key = registered.batch ? `batch:${registered.batchSize}:${registered.lanes}` : 'single';
      const group = groups.get(key) ?? { kinds: [], limit: registered.batchSize, lanes: registered.lanes };
      group.kinds.push(kind);
      groups.set(key, group);
    }
    return [...groups.values()];
  }

  kindOf(kind: string): RegisteredKind | undefined {
    return this.kinds.get(kind);
  }

  /** Makes every waiting event of these kinds due now: their service is back, there is no reason to sit out a backoff. */
  async retryNow(kinds: readonly string[]): Promise<number> {
    const [, count]: [unknown, number] = await this.events.query(
      `UPDATE outbox_events SET available_at = now()
       WHERE kind = ANY($1) AND available_at > now() AND (locked_until IS NULL OR locked_until < now())`,
      [kinds],
    );
    if (count > 0) this.notifyCommitted();
    return count;
  }

  /** Adds the event inside `manager`'s transaction: it exists if and only if the write it belongs to commits. */
  async enqueue(manager: EntityManager, kind: string, payload: Record<string, unknown>): Promise<string> {
    const id = newId();
    await manager.query('INSERT INTO outbox_events (id, kind, payload) VALUES ($1, $2, $3)', [id, kind, payload]);
    return id;
  }

  /** Several events of one kind in one statement (a topic moved: each of its replies to reindex). */
  async enqueueMany(manager: EntityManager, kind: string, payloads: readonly Record<string, unknown>[]): Promise<void> {
    if (payloads.length === 0) return;
    await manager.query(
      'INSERT INTO outbox_events (id, kind, payload) SELECT unnest($1::uuid[]), $2, unnest($3::jsonb[])',
      [payloads.map(() => newId()), kind, payloads.map((payload) => JSON.stringify(payload))],
    );
  }

  /** Tells this process's worker that new events are due, so it need not wait for its next poll. */
  notifyCommitted(): void {
    for (const listener of this.listeners) listener();
  }

  onCommitted(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async backlog(): Promise<{ pending: number; failing: number; oldestPendingAt: Date | null }> {
    const [pending, failing, oldest] = await Promise.all([
      this.events.count(),
      this.events.count({ where: { attempts: MoreThan(0), lockedUntil: IsNull(), availableAt: MoreThan(new Date()) } }),
      this.events.findOne({ where: { availableAt: LessThanOrEqual(new Date()) }, order: { availableAt: 'ASC' } }),
    ]);
    return { pending, failing, oldestPendingAt: oldest?.createdAt ?? null };
  }
}
