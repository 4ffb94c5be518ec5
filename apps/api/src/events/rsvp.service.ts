import type { AttendeeList, ContactVisibility, RsvpResult, RsvpState, RsvpStatus } from '@maillage/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import { DataSource, type EntityManager } from 'typeorm';

import { conflict, forbidden, invalid, notFound } from '../common/http/problems';
import { PreparedStatements } from '../database/prepared-statements';
import { visibleContact } from '../identity/contact-visibility';
import { personRef } from '../identity/person-ref';
import type { Viewer } from '../identity/viewer';
import { AccessPolicy } from '../spaces/access-policy';
import { EventNotices } from './event-notices';
import { canEditEvent } from './event-rows';

interface LockedOccurrence {
  id: string;
  eventId: string;
  startsAt: Date;
  cancelled: boolean;
  capacity: number | null;
  goingCount: number;
  registrationDeadline: Date | null;
}

export interface AnswerSummary {
  maybe: number;
  waitlisted: number;
  mine: RsvpState | null;
  myPosition: number | null;
}

/** A member's rank in an occurrence's waitlist ($1 the occurrence, $2 the member); null unless they wait. */
const WAITLIST_POSITION_SQL = `SELECT count(*)::int FROM event_rsvps w, event_rsvps me
  WHERE me.occurrence_id = $1 AND me.user_id = $2 AND me.status = 'waitlisted'
    AND w.occurrence_id = $1 AND w.status = 'waitlisted' AND w.waitlisted_at <= me.waitlisted_at`;

const RSVP_STATE_LABELS: Record<RsvpState, string> = {
  going: 'Présent',
  maybe: 'Peut-être',
  declined: 'Absent',
  waitlisted: 'Liste d’attente',
};

/**
 * Answers to occurrences. Each answer locks its occurrence row, so that concurrent answers are taken one at a time:
 * seats never exceed the capacity, and the waitlist is the order in which members met a full event. A freed seat
 * goes to the first in line in the same transaction.
 */
@Injectable()
export class RsvpService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly prepared: PreparedStatements,
    private readonly notices: EventNotices,
  ) {}

  async answer(viewer: Viewer, eventId: string, status: RsvpStatus, occurrenceId?: string): Promise<RsvpResult> {
    return this.dataSource.transaction(async (manager) => {
      const occurrence = await this.lockOccurrence(manager, viewer, eventId, occurrenceId);
      const now = new Date();
      if (occurrence.cancelled) throw conflict('Cette occurrence est annulée.');
      if (occurrence.startsAt <= now) throw conflict('Cet événement est commencé ou passé : les réponses sont closes.');
      if (status !== 'declined' && occurrence.registrationDeadline && occurrence.registrationDeadline <= now) {
        throw conflict('La date limite d’inscription est passée.');
      }
      const [previous] = await manager.query(
        'SELECT status FROM event_rsvps WHERE occurrence_id = $1 AND user_id = $2',
        [occurrence.id, viewer.id],
      );
      const before: RsvpState | null = previous?.status ?? null;
      let after: RsvpState = status;
      if (status === 'going' && before !== 'going') {
        const seatFree = occurrence.capacity === null || occurrence.goingCount < occurrence.capacity;
        after = before === 'waitlisted' || !seatFree ? 'waitlisted' : 'going';
      }
      if (after !== before) {
        await manager.query(
          `INSERT INTO event_rsvps (occurrence_id, user_id, status, answered_at, waitlisted_at)
           VALUES ($1, $2, $3, now(), CASE WHEN $3 = 'waitlisted' THEN clock_timestamp() END)
           ON CONFLICT (occurrence_id, user_id) DO UPDATE SET status = $3, answered_at = now(),
             waitlisted_at = CASE WHEN $3 = 'waitlisted' THEN coalesce(event_rsvps.waitlisted_at, clock_timestamp()) END`,
          [occurrence.id, viewer.id, after],
        );
        const seatsDelta = (after === 'going' ? 1 : 0) - (before === 'going' ? 1 : 0);
        if (seatsDelta !== 0) {
          await manager.query('UPDATE event_occurrences SET going_count = going_count + $2 WHERE id = $1', [
            occurrence.id,
            seatsDelta,
          ]);
        }
        if (before === 'going') await this.promote(manager, occurrence.id);
      }
      return {
        occurrenceId: occurrence.id,
        status: after,
        waitlistPosition: after === 'waitlisted' ? await this.position(manager, occurrence.id, viewer.id) : null,
      };
    });
  }

  /** After a capacity change: gives the freed seats of every coming occurrence of the event to those waiting. */
  async fillFreedSeats(manager: EntityManager, eventId: string): Promise<void> {
    const occurrences: { id: string }[] = await manager.query(
      `SELECT o.id FROM event_occurrences o WHERE o.event_id = $1 AND o.starts_at > now()
         AND EXISTS (SELECT 1 FROM event_rsvps r WHERE r.occurrence_id = o.id AND r.status = 'waitlisted')
       ORDER BY o.starts_at FOR UPDATE OF o`,
      [eventId],
    );
    for (const { id } of occurrences) await this.promote(manager, id);
  }

  async summary(viewer: Viewer, occurrenceId: string): Promise<AnswerSummary> {
    const [row] = await this.prepared.rows<{
      maybe: number;
      waitlisted: number;
      mine: RsvpState | null;
      myPosition: number | null;
    }>(
      `SELECT count(*) FILTER (WHERE status = 'maybe')::int AS maybe,
         count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted,
         max(status) FILTER (WHERE user_id = $2) AS mine,
         (${WAITLIST_POSITION_SQL}) AS "myPosition"
       FROM event_rsvps WHERE occurrence_id = $1`,
      [occurrenceId, viewer.id],
    );
    return {
      maybe: row?.maybe ?? 0,
      waitlisted: row?.waitlisted ?? 0,
      mine: row?.mine ?? null,
      myPosition: row?.mine === 'waitlisted' ? row.myPosition : null,
    };
  }

  async attendees(viewer: Viewer, eventId: string, occurrenceId: string): Promise<AttendeeList> {
    await this.organizerOccurrence(viewer, eventId, occurrenceId);
    const rows: {
      userId: string;
      displayName: string;
      handle: string;
      email: string;
      emailVisibility: ContactVisibility;
      organizationName: string | null;
      status: RsvpState;
      answeredAt: Date;
      waitlistPosition: number | null;
    }[] = await this.dataSource.query(
      `SELECT r.user_id AS "userId", u.display_name AS "displayName", u.handle, u.email,
         coalesce(p.email_visibility, 'members') AS "emailVisibility", o.name AS "organizationName",
         r.status, r.answered_at AS "answeredAt",
         CASE WHEN r.status = 'waitlisted'
           THEN row_number() OVER (PARTITION BY r.status ORDER BY r.waitlisted_at)::int END AS "waitlistPosition"
       FROM event_rsvps r JOIN users u ON u.id = r.user_id LEFT JOIN organizations o ON o.id = u.organization_id
       LEFT JOIN member_profiles p ON p.user_id = r.user_id
       WHERE r.occurrence_id = $1
       ORDER BY array_position(ARRAY['going', 'waitlisted', 'maybe', 'declined'], r.status), r.waitlisted_at,
         u.display_name`,
      [occurrenceId],
    );
    return {
      items: rows.map((row) => ({
        person: personRef(row.userId, row.displayName, row.handle),
        email: visibleContact(viewer, {
          id: row.userId,
          email: row.email,
          phone: '',
          emailVisibility: row.emailVisibility,
          phoneVisibility: 'nobody',
        }).email,
        organizationName: row.organizationName,
        status: row.status,
        answeredAt: row.answeredAt.toISOString(),
        waitlistPosition: row.waitlistPosition,
      })),
    };
  }

  /** The attendee list as CSV for a spreadsheet: a BOM so that Excel reads the accents, dates in the event's zone. */
  async attendeesCsv(
    viewer: Viewer,
    eventId: string,
    occurrenceId: string,
  ): Promise<{ fileName: string; csv: string }> {
    const { title, timeZone, startsAt } = await this.organizerOccurrence(viewer, eventId, occurrenceId);
    const { items } = await this.attendees(viewer, eventId, occurrenceId);
    const csv = stringify(
      items.map((attendee) => [
        attendee.person?.displayName ?? '',
        attendee.email ?? '',
        attendee.organizationName ?? '',
        RSVP_STATE_LABELS[attendee.status],
        attendee.waitlistPosition ?? '',
        DateTime.fromISO(attendee.answeredAt, { zone: timeZone }).toFormat('yyyy-MM-dd HH:mm'),
      ]),
      {
        header: true,
        columns: ['Nom', 'Courriel', 'Organisation', 'Réponse', 'Rang en liste d’attente', 'Répondu le'],
        record_delimiter: '\r\n',
      },
    );
    const day = DateTime.fromJSDate(startsAt, { zone: timeZone }).toISODate();
    return { fileName: `participants-${day}-${title}.csv`, csv: `\uFEFF${csv}` };
  }

  /**
   * A member leaving the network (account erased): their answers go; the seats they held in coming occurrences go to
   * those waiting; past attendance stays counted, without anyone's name.
   */
  async withdrawMember(manager: EntityManager, userId: string): Promise<void> {
    const held: { occurrenceId: string }[] = await manager.query(
      `SELECT o.id AS "occurrenceId" FROM event_rsvps r JOIN event_occurrences o ON o.id = r.occurrence_id
       WHERE r.user_id = $1 AND r.status = 'going' AND o.starts_at > now() ORDER BY o.id FOR UPDATE OF o`,
      [userId],
    );
    await manager.query('DELETE FROM event_rsvps WHERE user_id = $1', [userId]);
    for (const { occurrenceId } of held) {
      await manager.query('UPDATE event_occurrences SET going_count = going_count - 1 WHERE id = $1', [occurrenceId]);
      await this.promote(manager, occurrenceId);
    }
  }

  /** Seats freed: the first in line take them, in order, and are told. */
  private async promote(manager: EntityManager, occurrenceId: string): Promise<void> {
    // An UPDATE … RETURNING answers [rows, count] through TypeORM.
    const [promoted]: [{ userId: string }[], number] = await manager.query(
      `WITH occurrence AS (
         SELECT o.id, greatest(coalesce(e.capacity, 2147483647) - o.going_count, 0) AS free
         FROM event_occurrences o JOIN events e ON e.id = o.event_id WHERE o.id = $1
       ), chosen AS (
         SELECT r.user_id FROM event_rsvps r, occurrence
         WHERE r.occurrence_id = $1 AND r.status = 'waitlisted'
         ORDER BY r.waitlisted_at LIMIT (SELECT free FROM occurrence)
       )
       UPDATE event_rsvps r SET status = 'going', waitlisted_at = NULL, answered_at = now()
       FROM chosen WHERE r.occurrence_id = $1 AND r.user_id = chosen.user_id
       RETURNING r.user_id AS "userId"`,
      [occurrenceId],
    );
    if (promoted.length === 0) return;
    await manager.query('UPDATE event_occurrences SET going_count = going_count + $2 WHERE id = $1', [
      occurrenceId,
      promoted.length,
    ]);
    await this.notices.seatGranted(
      manager,
      occurrenceId,
      promoted.map((row) => row.userId),
    );
  }

  private async position(manager: EntityManager, occurrenceId: string, userId: string): Promise<number> {
    const [row] = await manager.query(`SELECT (${WAITLIST_POSITION_SQL}) AS position`, [occurrenceId, userId]);
    return row.position;
  }

  /** Locks the occurrence the answer is for; an event that happens once may leave the occurrence out. */
  private async lockOccurrence(
    manager: EntityManager,
    viewer: Viewer,
    eventId: string,
    occurrenceId: string | undefined,
  ): Promise<LockedOccurrence> {
    const rows: LockedOccurrence[] = await manager.query(
      `SELECT o.id, o.event_id AS "eventId", o.starts_at AS "startsAt",
         (o.cancelled_at IS NOT NULL OR e.cancelled_at IS NOT NULL) AS cancelled, e.capacity, o.going_count AS "goingCount",
         e.registration_deadline AS "registrationDeadline"
       FROM event_occurrences o JOIN events e ON e.id = o.event_id
       WHERE o.event_id = $1 AND ($2::uuid IS NULL OR o.id = $2)
         AND ${this.access.spaceConditionSql(viewer, 'e.space_id', '$3')}
       ORDER BY o.starts_at LIMIT 2
       FOR UPDATE OF o`,
      [eventId, occurrenceId ?? null, viewer.id],
    );
    if (rows.length === 0) throw notFound();
    if (rows.length > 1) throw invalid('body.occurrenceId', 'Cet événement se répète : précisez l’occurrence');
    return rows[0]!;
  }

  private async organizerOccurrence(
    viewer: Viewer,
    eventId: string,
    occurrenceId: string,
  ): Promise<{ title: string; timeZone: string; startsAt: Date }> {
    const [row] = await this.prepared.rows<{
      authorId: string | null;
      title: string;
      timeZone: string;
      startsAt: Date;
    }>(
      `SELECT e.author_id AS "authorId", e.title, e.time_zone AS "timeZone", o.starts_at AS "startsAt"
       FROM event_occurrences o JOIN events e ON e.id = o.event_id
       WHERE o.id = $1 AND o.event_id = $2 AND ${this.access.spaceConditionSql(viewer, 'e.space_id', '$3')}`,
      [occurrenceId, eventId, viewer.id],
    );
    if (!row) throw notFound();
    if (!canEditEvent(viewer, row)) throw forbidden('La liste des participants est réservée à l’organisateur.');
    return row;
  }
}
