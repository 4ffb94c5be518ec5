import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';

import { LOGGER } from '../common/logger.provider';
import { type ClaimGroup, OutboxDeferral, OutboxService, type RegisteredKind } from './outbox.service';

const POLL_INTERVAL_MS = 1000;
/** A claimed row returns to the pool if its worker has not finished with it by then (crash, hang). */
const LEASE_SECONDS = 120;

interface ClaimedEvent {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/** Exponential backoff with full jitter: 2, 4, 8… seconds, at most `maxSeconds` (an hour by default). */
export const backoffSeconds = (attempts: number, maxSeconds = 3600): number =>
  Math.ceil(Math.random() * Math.min(maxSeconds, 2 ** Math.min(attempts, 12)));

/**
 * Drains the outbox. Only kinds this process has a handler for are claimed: the others (search indexing, in the
 * command-line tool that has no search module) wait in the table for a process that has one. Rows are claimed with FOR
 * UPDATE SKIP LOCKED and a lease, so that several api processes share the work without taking the same row; a failure
 * pushes the rows back with backoff and keeps them — an outage delays side effects, it never loses them.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private running = false;
  private timer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private wakeRequested = false;
  private unsubscribe?: () => void;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.unsubscribe = this.outbox.onCommitted(() => this.wake());
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    clearTimeout(this.timer);
    await this.draining;
  }

  /**
   * Processes everything due, including what a background pass started meanwhile claimed: for tests and tools that
   * need the effects now. A background pass can win the claim of a row, so this waits for it too before returning.
   */
  async drainNow(): Promise<number> {
    let processed = 0;
    for (;;) {
      await this.draining;
      const count = await this.drain();
      processed += count;
      if (count === 0 && !this.draining) return processed;
    }
  }

  /** Every claim group drains at once: indexing a backlog of search events never holds up mail and notifications. */
  private async drain(): Promise<number> {
    const counts = await Promise.all(this.outbox.claimGroups().map((group) => this.drainGroup(group)));
    return counts.reduce((sum, count) => sum + count, 0);
  }

  /**
   * Drains a group in one lane, or in all its lanes when the first claim comes back full (a backlog): a pass with little
   * to do costs one claim per group, as the worker wakes at every commit that queues an event.
   */
  private async drainGroup(group: ClaimGroup): Promise<number> {
    const claimed = await this.claim(group.kinds, group.limit);
    if (claimed.length === 0) return 0;
    const others = claimed.length === group.limit ? group.lanes - 1 : 0;
    const counts = await Promise.all([
      this.process(claimed).then(() => this.lane(group)),
      ...Array.from({ length: others }, () => this.lane(group)),
    ]);
    return counts.reduce((sum, count) => sum + count, claimed.length);
  }

  /** Claims and carries out the group's due events until none is left. */
  private async lane(group: ClaimGroup): Promise<number> {
    let processed = 0;
    for (;;) {
      const claimed = await this.claim(group.kinds, group.limit);
      if (claimed.length === 0) return processed;
      await this.process(claimed);
      processed += claimed.length;
    }
  }

  private wake(): void {
    if (!this.running) return;
    if (this.draining) this.wakeRequested = true;
    else this.schedule(0);
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.draining = this.drain()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error({ err: error }, 'outbox drain failed'))
        .finally(() => {
          this.draining = undefined;
          if (!this.running) return;
          const again = this.wakeRequested;
          this.wakeRequested = false;
          this.schedule(again ? 0 : POLL_INTERVAL_MS);
        });
    }, delay);
  }

  private async claim(kinds: string[], limit: number): Promise<ClaimedEvent[]> {
    return this.dataSource
      .query(
        // The ids are picked once (an InitPlan), then updated: no join for a plan to get wrong. Written as
        // `WHERE id IN (subquery)`, a plan made while the table's statistics still said "empty" re-ran the locking
        // subquery for every row: minutes for a burst of 100,000 events (measured in bench/search).
        `UPDATE outbox_events SET locked_until = now() + make_interval(secs => $2), attempts = attempts + 1
         WHERE id = ANY(ARRAY(
           SELECT id FROM outbox_events
           WHERE available_at <= now() AND (locked_until IS NULL OR locked_until < now()) AND kind = ANY($3)
           ORDER BY available_at
           LIMIT $1
           FOR UPDATE SKIP LOCKED))
         RETURNING id, kind, payload, attempts`,
        [limit, LEASE_SECONDS, kinds],
      )
      .then(([rows]: [ClaimedEvent[]]) => rows);
  }

  private async process(claimed: ClaimedEvent[]): Promise<void> {
    const byKind = new Map<string, ClaimedEvent[]>();
    for (const event of claimed) {
      const events = byKind.get(event.kind) ?? [];
      events.push(event);
      byKind.set(event.kind, events);
    }
    for (const [kind, events] of byKind) {
      const registered = this.outbox.kindOf(kind);
      const batch = registered?.batch;
      if (batch) await this.run(kind, registered, events, () => batch(events));
      else
        for (const event of events)
          await this.run(kind, registered, [event], async () => {
            if (!registered?.single) throw new Error(`no handler for outbox kind ${kind}`);
            await registered.single(event.payload, event);
          });
    }
  }

  private async run(
    kind: string,
    registered: RegisteredKind | undefined,
    events: ClaimedEvent[],
    work: () => Promise<void>,
  ): Promise<void> {
    const ids = events.map((event) => event.id);
    try {
      await work();
      await this.dataSource.query('DELETE FROM outbox_events WHERE id = ANY($1)', [ids]);
    } catch (error) {
      if (error instanceof OutboxDeferral) {
        await this.dataSource.query(
          `UPDATE outbox_events SET locked_until = NULL, attempts = attempts - 1,
             available_at = now() + make_interval(secs => $2) WHERE id = ANY($1)`,
          [ids, error.retryInSeconds],
        );
        return;
      }
      const attempts = Math.max(...events.map((event) => event.attempts));
      const delay = backoffSeconds(attempts, registered?.maxBackoffSeconds);
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(
        { outboxIds: ids.slice(0, 10), events: ids.length, kind, attempts, retryInSeconds: delay, err: message },
        'outbox event failed',
      );
      await this.dataSource.query(
        `UPDATE outbox_events SET locked_until = NULL, last_error = $2, available_at = now() + make_interval(secs => $3)
         WHERE id = ANY($1)`,
        [ids, message.slice(0, 2000), delay],
      );
    }
  }
}
