import type { NotificationKind } from '@maillage/contracts';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';

import { newId } from '../database/ids';
import { NotificationsService } from '../notifications/notifications.service';
import { OutboxService } from '../outbox/outbox.service';
import { AccessPolicy } from '../spaces/access-policy';

/** The outbox kind that tells members about an event occurrence (reminders, seats, cancellations). */
export const EVENT_NOTICE = 'events.notice';

type EventNoticeKind = Extract<NotificationKind, `event-${string}`>;

export interface EventNoticePayload extends Record<string, unknown> {
  kind: EventNoticeKind;
  /** Makes the notice one notification per recipient however often the outbox delivers it. */
  key: string;
  userIds: string[];
  eventId: string;
  occurrenceId: string;
  spaceId: string;
  subject: string;
}

/**
 * Notices to the members of an occurrence, decided inside the write's transaction (who is told, about what) and
 * delivered from the outbox, so that they go out once the write commits and never twice.
 */
@Injectable()
export class EventNotices implements OnModuleInit {
  constructor(
    private readonly outbox: OutboxService,
    private readonly notifications: NotificationsService,
    private readonly access: AccessPolicy,
  ) {}

  onModuleInit(): void {
    this.outbox.register(EVENT_NOTICE, (payload) => this.deliver(payload as EventNoticePayload));
  }

  /** Tells those who answered going, maybe or waitlisted that the occurrence will not happen. */
  async cancelled(manager: EntityManager, occurrenceId: string): Promise<void> {
    const recipients: { userId: string }[] = await manager.query(
      `SELECT user_id AS "userId" FROM event_rsvps WHERE occurrence_id = $1 AND status <> 'declined'`,
      [occurrenceId],
    );
    await this.enqueue(
      manager,
      'event-cancelled',
      occurrenceId,
      recipients.map((row) => row.userId),
      newId(),
    );
  }

  async seatGranted(manager: EntityManager, occurrenceId: string, userIds: string[]): Promise<void> {
    await this.enqueue(manager, 'event-seat-granted', occurrenceId, userIds, newId());
  }

  /** A reminder's key is its lead and occurrence: each member gets one of each. */
  async reminder(manager: EntityManager, lead: '24h' | '1h', occurrenceId: string, userIds: string[]): Promise<void> {
    await this.enqueue(manager, `event-reminder-${lead}`, occurrenceId, userIds, `${lead}:${occurrenceId}`);
  }

  private async enqueue(
    manager: EntityManager,
    kind: EventNoticeKind,
    occurrenceId: string,
    userIds: string[],
    key: string,
  ): Promise<void> {
    if (userIds.length === 0) return;
    const [about] = await manager.query(
      `SELECT e.id AS "eventId", e.space_id AS "spaceId", coalesce(o.changes->>'title', e.title) AS title,
         o.starts_at AS "startsAt", e.time_zone AS "timeZone", e.all_day AS "allDay"
       FROM event_occurrences o JOIN events e ON e.id = o.event_id WHERE o.id = $1`,
      [occurrenceId],
    );
    const when = DateTime.fromJSDate(about.startsAt, { zone: about.timeZone }).setLocale('fr-CA');
    const payload: EventNoticePayload = {
      kind,
      key,
      userIds,
      eventId: about.eventId,
      occurrenceId,
      spaceId: about.spaceId,
      subject: `${about.title} — ${when.toFormat(about.allDay ? 'd LLLL yyyy' : "d LLLL yyyy, H 'h' mm")}`,
    };
    await this.outbox.enqueue(manager, EVENT_NOTICE, payload);
  }

  private async deliver(payload: EventNoticePayload): Promise<void> {
    const allowed = await this.access.whoCanSeeSpace(payload.userIds, payload.spaceId);
    await this.notifications.notify(
      [...allowed].map((userId) => ({ userId, kind: payload.kind })),
      {
        actorId: null,
        spaceId: payload.spaceId,
        topicId: null,
        postNumber: null,
        subject: payload.subject,
        url: `/evenements/${payload.eventId}/${payload.occurrenceId}`,
        dedupKey: `${payload.kind}:${payload.key}`,
      },
    );
  }
}
