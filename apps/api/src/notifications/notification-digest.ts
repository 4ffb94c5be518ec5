import type { NotificationKind } from '@maillage/contracts';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';

import { LOGGER } from '../common/logger.provider';
import { MailService } from '../mail/mail.service';
import { OutboxService } from '../outbox/outbox.service';
import { digestMail } from './notification-mail';
import { DEFAULT_DIGEST_HOUR, NotificationPreferencesService } from './notification-preferences';
import { NotificationsService } from './notifications.service';

const ZONE = 'America/Toronto';
const CHECK_INTERVAL_MS = 5 * 60_000;
/** A digest lists at most this many items; the rest waits in the app's notification centre. */
const DIGEST_ITEMS = 50;

interface PendingItem {
  kind: NotificationKind;
  subject: string;
  actorName: string | null;
  url: string | null;
  topicId: string | null;
  postNumber: number | null;
  createdAt: Date;
}

/**
 * The daily digest: once a local day (America/Toronto), from the hour each member picked, the unread notifications of
 * the kinds they send to the digest, created since the last digest covered. Each member's schedule row is locked
 * while it is decided and the mail queued through the outbox in the same transaction: one digest per day whatever the
 * number of api processes. Its day and hour are local, so 7:00 stays 7:00 across a change of time.
 */
@Injectable()
export class NotificationDigest implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly preferences: NotificationPreferencesService,
    private readonly notifications: NotificationsService,
    private readonly mail: MailService,
    private readonly outbox: OutboxService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(
      () => void this.sendDue().catch((error: unknown) => this.logger.error({ err: error }, 'Digest run failed')),
      CHECK_INTERVAL_MS,
    );
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Queues the digests due at `now`; returns how many were sent. */
  async sendDue(now = new Date()): Promise<number> {
    const local = DateTime.fromJSDate(now, { zone: ZONE });
    const today = local.toISODate()!;
    // Members with something unread since their last digest, whose hour has come today and who had none today.
    const due: { userId: string }[] = await this.dataSource.query(
      `SELECT u.id AS "userId" FROM users u LEFT JOIN digest_schedules d ON d.user_id = u.id
       WHERE u.status = 'active' AND coalesce(d.hour, $1) <= $2 AND (d.last_day IS NULL OR d.last_day < $3::date)
         AND EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = u.id AND n.read_at IS NULL
                       AND n.created_at > coalesce(d.covered_until, '-infinity') AND n.created_at <= $4)`,
      [DEFAULT_DIGEST_HOUR, local.hour, today, now],
    );
    let sent = 0;
    for (const { userId } of due) if (await this.sendOne(userId, today, local.hour, now)) sent += 1;
    if (sent > 0) this.outbox.notifyCommitted();
    return sent;
  }

  private async sendOne(userId: string, today: string, hour: number, now: Date): Promise<boolean> {
    const kinds = await this.preferences.kindsDelivered(userId, 'digest');
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO digest_schedules (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING`, [
        userId,
      ]);
      const [schedule] = await manager.query(
        `SELECT hour, last_day::text AS "lastDay", covered_until AS "coveredUntil"
         FROM digest_schedules WHERE user_id = $1 FOR UPDATE`,
        [userId],
      );
      // Another process decided it meanwhile, or the member moved their hour later.
      if (schedule.hour > hour || (schedule.lastDay !== null && schedule.lastDay >= today)) return false;
      const items: PendingItem[] = await manager.query(
        `SELECT n.kind, n.subject, a.display_name AS "actorName", n.url, n.topic_id AS "topicId",
                n.post_number AS "postNumber", n.created_at AS "createdAt"
         FROM notifications n LEFT JOIN users a ON a.id = n.actor_id
         WHERE n.user_id = $1 AND n.read_at IS NULL AND n.kind = ANY($2)
           AND n.created_at > coalesce($3::timestamptz, '-infinity') AND n.created_at <= $4
         ORDER BY n.created_at LIMIT ${DIGEST_ITEMS}`,
        [userId, kinds, schedule.coveredUntil, now],
      );
      const [member] = await manager.query('SELECT email FROM users WHERE id = $1', [userId]);
      if (items.length > 0) {
        const day = DateTime.fromISO(today, { zone: ZONE }).setLocale('fr-CA').toFormat('d LLLL');
        await this.mail.queue(
          manager,
          digestMail(
            member.email,
            day,
            items.map((item) => ({
              kind: item.kind,
              subject: item.subject,
              actorName: item.actorName,
              link: this.notifications.linkTo(item),
            })),
            this.notifications.unsubscribeLinks(userId, 'digest'),
          ),
        );
      }
      await manager.query(
        `UPDATE digest_schedules SET last_day = $2, covered_until = coalesce($3, covered_until) WHERE user_id = $1`,
        [userId, today, items.at(-1)?.createdAt ?? null],
      );
      return items.length > 0;
    });
  }
}
