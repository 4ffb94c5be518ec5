import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';

import { LOGGER } from '../common/logger.provider';
import { EventNotices } from './event-notices';
import { EventsService } from './events.service';

const CHECK_INTERVAL_MS = 60_000;
const HORIZON_INTERVAL_MS = 24 * 3600_000;

/** The reminders: 24 h and 1 h before an occurrence, to those who answered going. */
const LEADS = [
  { lead: '1h', after: '0 hours', before: '1 hour' },
  { lead: '24h', after: '1 hour', before: '24 hours' },
] as const;

/**
 * Sends the reminders that have come due, every minute. Each one is first written to event_reminders, whose key
 * (occurrence, member, lead) lets it be decided once whatever the number of api processes; the notice itself goes
 * through the outbox in the same transaction. An occurrence less than an hour away gets the 1 h reminder only.
 * Also carries the occurrences of open-ended series forward once a day.
 */
@Injectable()
export class EventReminders implements OnApplicationBootstrap, OnApplicationShutdown {
  private reminderTimer?: NodeJS.Timeout;
  private horizonTimer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notices: EventNotices,
    private readonly events: EventsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const run = (task: () => Promise<unknown>, what: string) => () =>
      void task().catch((error: unknown) => this.logger.error({ err: error }, `Event ${what} failed`));
    this.reminderTimer = setInterval(
      run(() => this.sendDue(), 'reminders'),
      CHECK_INTERVAL_MS,
    );
    this.horizonTimer = setInterval(
      run(() => this.events.extendHorizons(), 'horizon extension'),
      HORIZON_INTERVAL_MS,
    );
    run(() => this.events.extendHorizons(), 'horizon extension')();
  }

  onApplicationShutdown(): void {
    clearInterval(this.reminderTimer);
    clearInterval(this.horizonTimer);
  }

  /** Decides and enqueues the reminders due at `now`; returns how many were decided. */
  async sendDue(now = new Date()): Promise<number> {
    let decided = 0;
    for (const { lead, after, before } of LEADS) {
      decided += await this.dataSource.transaction(async (manager) => {
        const rows: { occurrenceId: string; userId: string }[] = await manager.query(
          `INSERT INTO event_reminders (occurrence_id, user_id, lead)
           SELECT r.occurrence_id, r.user_id, $2
           FROM event_occurrences o
           JOIN events e ON e.id = o.event_id
           JOIN event_rsvps r ON r.occurrence_id = o.id AND r.status = 'going'
           WHERE o.starts_at > $1::timestamptz + $3::interval AND o.starts_at <= $1::timestamptz + $4::interval
             AND o.cancelled_at IS NULL AND e.cancelled_at IS NULL
           ON CONFLICT DO NOTHING
           RETURNING occurrence_id AS "occurrenceId", user_id AS "userId"`,
          [now, lead, after, before],
        );
        const byOccurrence = new Map<string, string[]>();
        for (const row of rows)
          byOccurrence.set(row.occurrenceId, [...(byOccurrence.get(row.occurrenceId) ?? []), row.userId]);
        for (const [occurrenceId, userIds] of byOccurrence)
          await this.notices.reminder(manager, lead, occurrenceId, userIds);
        return rows.length;
      });
    }
    return decided;
  }
}
