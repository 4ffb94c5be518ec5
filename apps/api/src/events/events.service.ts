import type {
  CreateEventRequest,
  EventSeries,
  OccurrenceDetail,
  OccurrenceList,
  OccurrenceListQuery,
  OccurrenceSummary,
  UpdateEventRequest,
  UpdateOccurrenceRequest,
} from '@maillage/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';

import { forbidden, invalid, notFound } from '../common/http/problems';
import { renderMarkdown } from '../common/markdown/markdown';
import { newId } from '../database/ids';
import { PreparedStatements } from '../database/prepared-statements';
import type { Viewer } from '../identity/viewer';
import { AccessPolicy } from '../spaces/access-policy';
import type { EventEntity } from './entities/event.entity';
import type { OccurrenceChanges } from './entities/event-occurrence.entity';
import { EventNotices } from './event-notices';
import {
  canEditEvent,
  OCCURRENCE_COLUMNS,
  occurrenceLocation,
  type OccurrenceRow,
  presentSeries,
  SERIES_SQL,
  type SeriesRow,
  summarySql,
} from './event-rows';
import { EventSearchSync } from './event-search-sync';
import {
  checkTiming,
  columnToLocal,
  horizonFrom,
  localDateTime,
  localToColumn,
  MAX_DURATION_DAYS,
  normalizeRule,
  type PlannedOccurrence,
  planOccurrences,
  ruleEndingBefore,
  ruleHasEnd,
  type SeriesTiming,
} from './recurrence';
import { RsvpService } from './rsvp.service';

type CreateInput = z.output<typeof CreateEventRequest>;
type UpdateInput = z.output<typeof UpdateEventRequest>;
type OccurrenceInput = z.output<typeof UpdateOccurrenceRequest>;
type ListInput = z.output<typeof OccurrenceListQuery>;

/** Local wall-clock form of an instant in a zone, as forms and stored series show it. */
const toLocal = (at: Date, timeZone: string): string =>
  DateTime.fromJSDate(at, { zone: timeZone }).toFormat("yyyy-MM-dd'T'HH:mm");

/** The local calendar day an occurrence falls on: what a changed series matches its existing occurrences by. */
const localDay = (at: Date, timeZone: string): string => DateTime.fromJSDate(at, { zone: timeZone }).toISODate()!;

/**
 * The location fields of an occurrence change as SQL parameters, in pairs (given?, value), for the
 * `CASE WHEN $given THEN $value ELSE column END` of the statements that apply them to a series.
 */
const locationChangeParams = (input: OccurrenceInput): unknown[] =>
  (['place', 'address', 'municipality', 'onlineUrl'] as const).flatMap((key) => [
    input[key] !== undefined,
    input[key] ?? null,
  ]);

/** An all-day event arrives with its last day (inclusive) and is kept with midnight after it (exclusive). */
const timingOf = (input: {
  start: string;
  end: string;
  timeZone: string;
  allDay: boolean;
  rrule: string | null;
}): SeriesTiming =>
  input.allDay
    ? {
        ...input,
        start: `${input.start.slice(0, 10)}T00:00`,
        end: `${DateTime.fromISO(input.end.slice(0, 10)).plus({ days: 1 }).toISODate()}T00:00`,
      }
    : { ...input, start: input.start.slice(0, 16), end: input.end.slice(0, 16) };

/**
 * Events and their occurrences: create, read through the access policy, change the series, one occurrence or this and
 * the following ones. Answers (RSVP) live in RsvpService; notices to attendees in EventNotices.
 */
@Injectable()
export class EventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly prepared: PreparedStatements,
    private readonly rsvps: RsvpService,
    private readonly notices: EventNotices,
    private readonly searchSync: EventSearchSync,
  ) {}

  /** The occurrences between two local days that the viewer may see, in start order. */
  async list(viewer: Viewer, query: ListInput): Promise<OccurrenceList> {
    const from = DateTime.fromISO(query.from, { zone: query.timeZone }).toJSDate();
    const to = DateTime.fromISO(query.to, { zone: query.timeZone }).toJSDate();
    const earliestStart = DateTime.fromJSDate(from).minus({ days: MAX_DURATION_DAYS }).toJSDate();
    const values: unknown[] = [viewer.id, from, to, earliestStart];
    let filter = 'o.starts_at >= $4 AND o.starts_at < $3 AND o.ends_at > $2';
    const addFilter = (column: string, list: unknown[] | undefined) => {
      if (!list?.length) return;
      values.push(list);
      filter += ` AND ${column} = ANY($${values.length})`;
    };
    addFilter('e.space_id', query.space);
    addFilter('e.mrc_code', query.mrc);
    addFilter('e.volet', query.volet);
    if (query.mine === 'true') filter += ` AND r.status IN ('going', 'maybe', 'waitlisted')`;
    const items = await this.prepared.rows<OccurrenceSummary>(
      `${summarySql(this.access.spaceConditionSql(viewer, 'e.space_id', '$1'), filter)} ORDER BY o.starts_at, o.id LIMIT 2000`,
      values,
    );
    return { items };
  }

  async create(viewer: Viewer, input: CreateInput): Promise<OccurrenceDetail> {
    await this.access.assertCanSeeSpace(viewer, input.spaceId);
    const timing = this.checkedTiming(input, 'body');
    const eventId = newId();
    const firstId = await this.dataSource.transaction(async (manager) => {
      const organizationId =
        input.organizationId === undefined ? await this.organizationOf(manager, viewer) : input.organizationId;
      const mrcCode = await this.mrcOf(manager, input.municipality, input.mrcCode ?? null, organizationId);
      const planned = this.plan(timing);
      await manager.query(
        `INSERT INTO events (id, space_id, author_id, organization_id, title, description, start_local, end_local,
           time_zone, all_day, place, address, municipality, online_url, volet, mrc_code, tags, capacity,
           registration_deadline, rrule, related_links, materialized_until)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
        [
          eventId,
          input.spaceId,
          viewer.id,
          organizationId,
          input.title,
          input.description,
          localToColumn(timing.start),
          localToColumn(timing.end),
          timing.timeZone,
          timing.allDay,
          input.place,
          input.address,
          input.municipality,
          input.onlineUrl,
          input.volet,
          mrcCode,
          input.tags,
          input.capacity,
          this.deadline(input.registrationDeadline, timing.timeZone),
          timing.rrule,
          JSON.stringify(input.relatedLinks),
          planned.materializedUntil,
        ],
      );
      const ids = await this.reconcile(manager, eventId, [], planned.occurrences);
      await manager.query('INSERT INTO event_follows (event_id, user_id) VALUES ($1, $2)', [eventId, viewer.id]);
      await this.searchSync.event(manager, eventId);
      return ids[0]!;
    });
    return this.occurrence(viewer, eventId, firstId);
  }

  async series(viewer: Viewer, eventId: string): Promise<EventSeries> {
    const row = await this.visibleSeries(viewer, eventId);
    const [next] = await this.prepared.rows<{ id: string }>(
      `SELECT id FROM event_occurrences WHERE event_id = $1 AND ends_at > now()
       ORDER BY cancelled_at IS NOT NULL, starts_at LIMIT 1`,
      [eventId],
    );
    const [last] = next
      ? [next]
      : await this.prepared.rows<{ id: string }>(
          'SELECT id FROM event_occurrences WHERE event_id = $1 ORDER BY starts_at DESC LIMIT 1',
          [eventId],
        );
    return presentSeries(row, viewer, last?.id ?? null);
  }

  async occurrence(viewer: Viewer, eventId: string, occurrenceId: string): Promise<OccurrenceDetail> {
    const row = await this.visibleSeries(viewer, eventId);
    const [occurrence] = await this.prepared.rows<OccurrenceRow & { goingCount: number }>(
      `SELECT ${OCCURRENCE_COLUMNS}, o.going_count AS "goingCount" FROM event_occurrences o
       WHERE o.id = $1 AND o.event_id = $2`,
      [occurrenceId, eventId],
    );
    if (!occurrence) throw notFound();
    const series = presentSeries(row, viewer);
    const answers = await this.rsvps.summary(viewer, occurrenceId);
    const now = new Date();
    const cancelled = occurrence.cancelledAt !== null || row.cancelledAt !== null;
    const past = occurrence.endsAt <= now;
    const closesAt = row.registrationDeadline ?? occurrence.startsAt;
    const endLocal = toLocal(occurrence.endsAt, row.timeZone);
    return {
      id: occurrence.id,
      eventId,
      title: occurrence.changes.title ?? row.title,
      descriptionHtml:
        occurrence.changes.description !== undefined
          ? renderMarkdown(occurrence.changes.description).html
          : series.descriptionHtml,
      startsAt: occurrence.startsAt.toISOString(),
      endsAt: occurrence.endsAt.toISOString(),
      start: toLocal(occurrence.startsAt, row.timeZone),
      end: row.allDay ? DateTime.fromISO(endLocal).minus({ days: 1 }).toFormat("yyyy-MM-dd'T'HH:mm") : endLocal,
      location: occurrenceLocation(series.location, occurrence.changes),
      cancelled,
      past,
      registrationOpen: !cancelled && !past && closesAt > now,
      goingCount: occurrence.goingCount,
      maybeCount: answers.maybe,
      waitlistCount: answers.waitlisted,
      myRsvp: answers.mine,
      myWaitlistPosition: answers.myPosition,
      event: series,
    };
  }

  async updateSeries(viewer: Viewer, eventId: string, input: UpdateInput): Promise<EventSeries> {
    await this.dataSource.transaction(async (manager) => {
      const event = await this.editableEvent(manager, viewer, eventId);
      if (input.spaceId && input.spaceId !== event.spaceId) await this.access.assertCanSeeSpace(viewer, input.spaceId);
      const current = {
        start: columnToLocal(event.startLocal),
        end: columnToLocal(event.endLocal),
        timeZone: event.timeZone,
        allDay: event.allDay,
        rrule: event.rrule,
      };
      const timingChanged = ['start', 'end', 'timeZone', 'allDay', 'rrule'].some(
        (key) => input[key as keyof UpdateInput] !== undefined,
      );
      let timing: SeriesTiming = current;
      if (timingChanged) {
        const allDay = input.allDay ?? current.allDay;
        // An all-day series shows its last day; carry it in that form when only some timing fields change.
        const shownEnd = current.allDay
          ? DateTime.fromISO(current.end).minus({ days: 1 }).toFormat("yyyy-MM-dd'T'HH:mm")
          : current.end;
        timing = this.checkedTiming(
          {
            start: input.start ?? current.start,
            end: input.end ?? shownEnd,
            timeZone: input.timeZone ?? current.timeZone,
            allDay,
            rrule: input.rrule !== undefined ? input.rrule : current.rrule,
          },
          'body',
        );
      }
      const organizationId = input.organizationId !== undefined ? input.organizationId : event.organizationId;
      const municipality = input.municipality !== undefined ? input.municipality : event.municipality;
      const mrcCode =
        input.mrcCode !== undefined || input.municipality !== undefined || input.organizationId !== undefined
          ? await this.mrcOf(manager, municipality, input.mrcCode !== undefined ? input.mrcCode : null, organizationId)
          : event.mrcCode;
      const planned = timingChanged ? this.plan(timing) : null;
      await manager.query(
        `UPDATE events SET space_id = $2, title = $3, description = $4, start_local = $5, end_local = $6,
           time_zone = $7, all_day = $8, place = $9, address = $10, municipality = $11, online_url = $12,
           organization_id = $13, volet = $14, mrc_code = $15, tags = $16, capacity = $17,
           registration_deadline = $18, rrule = $19, related_links = $20, materialized_until = $21, updated_at = now()
         WHERE id = $1`,
        [
          eventId,
          input.spaceId ?? event.spaceId,
          input.title ?? event.title,
          input.description ?? event.description,
          localToColumn(timing.start),
          localToColumn(timing.end),
          timing.timeZone,
          timing.allDay,
          input.place !== undefined ? input.place : event.place,
          input.address !== undefined ? input.address : event.address,
          municipality,
          input.onlineUrl !== undefined ? input.onlineUrl : event.onlineUrl,
          organizationId,
          input.volet !== undefined ? input.volet : event.volet,
          mrcCode,
          input.tags ?? event.tags,
          input.capacity !== undefined ? input.capacity : event.capacity,
          input.registrationDeadline !== undefined
            ? this.deadline(input.registrationDeadline, timing.timeZone)
            : event.registrationDeadline,
          timing.rrule,
          JSON.stringify(input.relatedLinks ?? event.relatedLinks),
          planned ? planned.materializedUntil : event.materializedUntil,
        ],
      );
      if (planned) {
        const existing = await this.occurrenceRows(manager, 'o.event_id = $1', [eventId]);
        await this.reconcile(manager, eventId, existing, planned.occurrences, timing.timeZone);
      }
      if (input.capacity !== undefined) await this.rsvps.fillFreedSeats(manager, eventId);
      await this.searchSync.event(manager, eventId);
    });
    return this.series(viewer, eventId);
  }

  /** Cancels the whole series; attendees of what was still to come hear of it. */
  async cancelSeries(viewer: Viewer, eventId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const event = await this.editableEvent(manager, viewer, eventId);
      if (event.cancelledAt) return;
      await manager.query('UPDATE events SET cancelled_at = now(), updated_at = now() WHERE id = $1', [eventId]);
      const upcoming = await manager.query(
        'SELECT id FROM event_occurrences WHERE event_id = $1 AND ends_at > now() AND cancelled_at IS NULL',
        [eventId],
      );
      for (const { id } of upcoming as { id: string }[]) await this.notices.cancelled(manager, id);
      await this.searchSync.event(manager, eventId);
    });
  }

  async updateOccurrence(
    viewer: Viewer,
    eventId: string,
    occurrenceId: string,
    input: OccurrenceInput,
  ): Promise<OccurrenceDetail> {
    const shownId = await this.dataSource.transaction(async (manager) => {
      const event = await this.editableEvent(manager, viewer, eventId);
      const [occurrence] = await this.occurrenceRows(manager, 'o.id = $1 AND o.event_id = $2', [occurrenceId, eventId]);
      if (!occurrence) throw notFound();
      if (input.scope === 'following' && event.rrule) {
        return this.splitSeries(manager, event, occurrence, input);
      }
      await this.changeOneOccurrence(manager, event, occurrence, input);
      await this.searchSync.event(manager, eventId);
      return { eventId, occurrenceId };
    });
    return this.occurrence(viewer, shownId.eventId, shownId.occurrenceId);
  }

  async follow(viewer: Viewer, eventId: string, following: boolean): Promise<void> {
    await this.visibleSeries(viewer, eventId);
    await this.dataSource.query(
      following
        ? 'INSERT INTO event_follows (event_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING'
        : 'DELETE FROM event_follows WHERE event_id = $1 AND user_id = $2',
      [eventId, viewer.id],
    );
  }

  /** Writes the occurrences of open-ended series up to the horizon; run daily, and safe to run from several processes. */
  async extendHorizons(now = new Date()): Promise<number> {
    const horizon = horizonFrom(now);
    const due: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM events WHERE materialized_until IS NOT NULL AND cancelled_at IS NULL
         AND materialized_until < $1::timestamptz - interval '30 days'`,
      [horizon],
    );
    for (const { id } of due) {
      await this.dataSource.transaction(async (manager) => {
        const [event] = await manager.query(
          `SELECT start_local AS "startLocal", end_local AS "endLocal", time_zone AS "timeZone", all_day AS "allDay", rrule
           FROM events WHERE id = $1 FOR UPDATE`,
          [id],
        );
        const timing = {
          start: columnToLocal(event.startLocal),
          end: columnToLocal(event.endLocal),
          timeZone: event.timeZone,
          allDay: event.allDay,
          rrule: event.rrule,
        };
        const existing = await this.occurrenceRows(manager, 'o.event_id = $1', [id]);
        await this.reconcile(manager, id, existing, planOccurrences(timing, horizon), timing.timeZone);
        await manager.query('UPDATE events SET materialized_until = $2 WHERE id = $1', [id, horizon]);
      });
    }
    return due.length;
  }

  private async changeOneOccurrence(
    manager: EntityManager,
    event: EventEntity,
    occurrence: OccurrenceRow,
    input: OccurrenceInput,
  ): Promise<void> {
    const changes: OccurrenceChanges = { ...occurrence.changes };
    for (const key of ['title', 'description', 'place', 'address', 'municipality', 'onlineUrl'] as const) {
      if (input[key] !== undefined) (changes as Record<string, unknown>)[key] = input[key];
    }
    let { startsAt, endsAt, moved } = occurrence;
    if (input.start !== undefined || input.end !== undefined) {
      const start = input.start ?? toLocal(occurrence.startsAt, event.timeZone);
      const end = input.end ?? toLocal(occurrence.endsAt, event.timeZone);
      const timing = timingOf({ start, end, timeZone: event.timeZone, allDay: event.allDay, rrule: null });
      checkTiming(timing);
      startsAt = localDateTime(timing.start, event.timeZone).toJSDate();
      endsAt = localDateTime(timing.end, event.timeZone).toJSDate();
      moved = true;
    }
    const cancelling = input.cancelled === true && occurrence.cancelledAt === null;
    await manager.query(
      `UPDATE event_occurrences SET changes = $2, starts_at = $3, ends_at = $4, moved = $5,
         cancelled_at = CASE WHEN $6::boolean IS NULL THEN cancelled_at WHEN $6 THEN coalesce(cancelled_at, now()) END
       WHERE id = $1`,
      [occurrence.id, JSON.stringify(changes), startsAt, endsAt, moved, input.cancelled ?? null],
    );
    if (cancelling) await this.notices.cancelled(manager, occurrence.id);
  }

  /**
   * "This and the following": the series stops before the occurrence and a new series, carrying the change, starts
   * from it. The later occurrences move to the new series with their answers, matched by local day.
   */
  private async splitSeries(
    manager: EntityManager,
    event: EventEntity,
    occurrence: OccurrenceRow,
    input: OccurrenceInput,
  ): Promise<{ eventId: string; occurrenceId: string }> {
    const earlier: { count: number }[] = await manager.query(
      'SELECT count(*)::int AS count FROM event_occurrences WHERE event_id = $1 AND original_start < $2',
      [event.id, occurrence.originalStart],
    );
    const earlierCount = earlier[0]!.count;
    const rule = event.rrule!;
    const oldEnd = DateTime.fromJSDate(event.endLocal, { zone: 'utc' });
    const oldStart = DateTime.fromJSDate(event.startLocal, { zone: 'utc' });
    const duration = oldEnd.diff(oldStart);
    const startLocal = input.start ?? toLocal(occurrence.originalStart, event.timeZone);
    const defaultEnd = DateTime.fromISO(startLocal).plus(duration);
    const shownEnd = event.allDay ? defaultEnd.minus({ days: 1 }) : defaultEnd;
    let newRule = input.rrule !== undefined ? input.rrule : rule;
    if (input.rrule === undefined && newRule) {
      const count = /(?:^|;)COUNT=(\d+)/.exec(newRule);
      if (count) newRule = newRule.replace(/COUNT=\d+/, `COUNT=${Math.max(1, Number(count[1]) - earlierCount)}`);
    }
    const timing = this.checkedTiming(
      {
        start: startLocal,
        end: input.end ?? shownEnd.toFormat("yyyy-MM-dd'T'HH:mm"),
        timeZone: event.timeZone,
        allDay: event.allDay,
        rrule: newRule,
      },
      'body',
    );
    if (earlierCount === 0) {
      // Nothing comes before: "this and the following" is the whole series.
      await this.updateSeriesFromOccurrence(manager, event, timing, input);
      const [first] = await this.occurrenceRows(manager, 'o.event_id = $1', [event.id]);
      return { eventId: event.id, occurrenceId: first!.id };
    }
    const seriesId = newId();
    const planned = this.plan(timing);
    await manager.query(
      `INSERT INTO events (id, space_id, author_id, organization_id, title, description, start_local, end_local,
         time_zone, all_day, place, address, municipality, online_url, volet, mrc_code, tags, capacity,
         registration_deadline, rrule, related_links, materialized_until)
       SELECT $2, space_id, author_id, organization_id, coalesce($3, title), coalesce($4, description), $5, $6,
         time_zone, all_day, CASE WHEN $7::boolean THEN $8 ELSE place END, CASE WHEN $9::boolean THEN $10 ELSE address END,
         CASE WHEN $11::boolean THEN $12 ELSE municipality END, CASE WHEN $13::boolean THEN $14 ELSE online_url END,
         volet, mrc_code, tags, capacity, registration_deadline, $15, related_links, $16
       FROM events WHERE id = $1`,
      [
        event.id,
        seriesId,
        input.title ?? null,
        input.description ?? null,
        localToColumn(timing.start),
        localToColumn(timing.end),
        ...locationChangeParams(input),
        timing.rrule,
        planned.materializedUntil,
      ],
    );
    await manager.query(
      `INSERT INTO event_follows (event_id, user_id) SELECT $2, user_id FROM event_follows WHERE event_id = $1
       ON CONFLICT DO NOTHING`,
      [event.id, seriesId],
    );
    const following = await this.occurrenceRows(manager, 'o.event_id = $1 AND o.original_start >= $2', [
      event.id,
      occurrence.originalStart,
    ]);
    await manager.query('UPDATE events SET rrule = $2, materialized_until = NULL, updated_at = now() WHERE id = $1', [
      event.id,
      ruleEndingBefore(rule, occurrence.originalStart),
    ]);
    const ids = await this.reconcile(manager, seriesId, following, planned.occurrences, timing.timeZone);
    await this.searchSync.event(manager, event.id);
    await this.searchSync.event(manager, seriesId);
    return { eventId: seriesId, occurrenceId: ids[0]! };
  }

  private async updateSeriesFromOccurrence(
    manager: EntityManager,
    event: EventEntity,
    timing: SeriesTiming,
    input: OccurrenceInput,
  ): Promise<void> {
    const planned = this.plan(timing);
    await manager.query(
      `UPDATE events SET title = coalesce($2, title), description = coalesce($3, description), start_local = $4,
         end_local = $5, rrule = $6, materialized_until = $7,
         place = CASE WHEN $8::boolean THEN $9 ELSE place END, address = CASE WHEN $10::boolean THEN $11 ELSE address END,
         municipality = CASE WHEN $12::boolean THEN $13 ELSE municipality END,
         online_url = CASE WHEN $14::boolean THEN $15 ELSE online_url END, updated_at = now()
       WHERE id = $1`,
      [
        event.id,
        input.title ?? null,
        input.description ?? null,
        localToColumn(timing.start),
        localToColumn(timing.end),
        timing.rrule,
        planned.materializedUntil,
        ...locationChangeParams(input),
      ],
    );
    const existing = await this.occurrenceRows(manager, 'o.event_id = $1', [event.id]);
    await this.reconcile(manager, event.id, existing, planned.occurrences, timing.timeZone);
    await this.searchSync.event(manager, event.id);
  }

  /**
   * Makes the event's occurrences the planned ones. Existing rows (of this event, or moved over from the series it
   * was split from) are kept where a planned occurrence falls on the same local day, with their answers and
   * exceptions; a moved occurrence keeps its time. The rest are removed, their attendees told. Returns the ids in
   * plan order.
   */
  private async reconcile(
    manager: EntityManager,
    eventId: string,
    existing: OccurrenceRow[],
    planned: PlannedOccurrence[],
    timeZone?: string,
  ): Promise<string[]> {
    const byDay = new Map(existing.map((row) => [localDay(row.originalStart, timeZone ?? 'UTC'), row]));
    const ids: string[] = [];
    const inserts: { id: string; plan: PlannedOccurrence }[] = [];
    const updates: { id: string; plan: PlannedOccurrence }[] = [];
    const kept = new Set<string>();
    for (const plan of planned) {
      const match = timeZone ? byDay.get(localDay(plan.originalStart, timeZone)) : undefined;
      const id = match && !kept.has(match.id) ? match.id : newId();
      ids.push(id);
      if (id === match?.id) {
        kept.add(id);
        updates.push({ id, plan });
      } else {
        inserts.push({ id, plan });
      }
    }
    const removed = existing.filter((row) => !kept.has(row.id));
    for (const row of removed) {
      if (row.endsAt > new Date() && row.cancelledAt === null) await this.notices.cancelled(manager, row.id);
    }
    if (removed.length > 0) {
      await manager.query('DELETE FROM event_occurrences WHERE id = ANY($1)', [removed.map((row) => row.id)]);
    }
    if (updates.length > 0) {
      const keptIds = updates.map((update) => update.id);
      // Unique (event, original start) is checked row by row: step the kept rows aside before giving them their
      // new starts, which may be one another's old ones.
      await manager.query(
        `UPDATE event_occurrences SET original_start = original_start - interval '1000 years' WHERE id = ANY($1)`,
        [keptIds],
      );
      await manager.query(
        `UPDATE event_occurrences o SET event_id = $2, original_start = p.original_start,
           starts_at = CASE WHEN o.moved THEN o.starts_at ELSE p.starts_at END,
           ends_at = CASE WHEN o.moved THEN o.ends_at ELSE p.ends_at END
         FROM unnest($1::uuid[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[])
           AS p(id, original_start, starts_at, ends_at)
         WHERE o.id = p.id`,
        [
          keptIds,
          eventId,
          updates.map((update) => update.plan.originalStart),
          updates.map((update) => update.plan.startsAt),
          updates.map((update) => update.plan.endsAt),
        ],
      );
    }
    if (inserts.length > 0) {
      await manager.query(
        `INSERT INTO event_occurrences (id, event_id, original_start, starts_at, ends_at)
         SELECT unnest($1::uuid[]), $2, unnest($3::timestamptz[]), unnest($4::timestamptz[]), unnest($5::timestamptz[])`,
        [
          inserts.map((insert) => insert.id),
          eventId,
          inserts.map((insert) => insert.plan.originalStart),
          inserts.map((insert) => insert.plan.startsAt),
          inserts.map((insert) => insert.plan.endsAt),
        ],
      );
    }
    return ids;
  }

  private plan(timing: SeriesTiming): { occurrences: PlannedOccurrence[]; materializedUntil: Date | null } {
    const open = !ruleHasEnd(timing.rrule);
    const horizon = horizonFrom(new Date());
    const occurrences = planOccurrences(timing, horizon);
    if (occurrences.length === 0) throw invalid('body.rrule', 'Cette règle ne donne aucune occurrence');
    return { occurrences, materializedUntil: open ? horizon : null };
  }

  /** Validates and normalizes the timing fields of a request: dates real in the zone, duration, rule. */
  private checkedTiming(
    input: { start: string; end: string; timeZone: string; allDay: boolean; rrule: string | null },
    path: string,
  ): SeriesTiming {
    const timing = timingOf(input);
    checkTiming(timing, path);
    return {
      ...timing,
      rrule: timing.rrule ? normalizeRule(timing.rrule, timing.start, timing.timeZone, `${path}.rrule`) : null,
    };
  }

  private deadline(local: string | null, timeZone: string): Date | null {
    if (!local) return null;
    const at = localDateTime(local.slice(0, 16), timeZone);
    if (!at.isValid) throw invalid('body.registrationDeadline', 'Date limite invalide');
    return at.toJSDate();
  }

  private async organizationOf(manager: EntityManager, viewer: Viewer): Promise<string | null> {
    const [row] = await manager.query('SELECT organization_id AS id FROM users WHERE id = $1', [viewer.id]);
    return row?.id ?? null;
  }

  /**
   * The MRC an event concerns: given, or that of its municipality when it is one of the region's, or that of the
   * organizing organization. A municipality of another MRC than the one given is an error.
   */
  private async mrcOf(
    manager: EntityManager,
    municipality: string | null,
    given: string | null,
    organizationId: string | null,
  ): Promise<string | null> {
    if (municipality) {
      const [row] = await manager.query(
        `SELECT mrc_code AS code FROM organizations
         WHERE kind = 'mrc' AND lower($1) = ANY(SELECT lower(m) FROM unnest(municipalities) m)`,
        [municipality],
      );
      if (row && given && row.code !== given) {
        throw invalid('body.mrcCode', `${municipality} est dans une autre MRC (${row.code})`);
      }
      if (row) return row.code;
    }
    if (given) return given;
    if (!organizationId) return null;
    const [organization] = await manager.query('SELECT mrc_code AS code FROM organizations WHERE id = $1', [
      organizationId,
    ]);
    if (!organization) throw invalid('body.organizationId', 'Organisation inconnue');
    return organization.code ?? null;
  }

  private async visibleSeries(viewer: Viewer, eventId: string): Promise<SeriesRow> {
    const [row] = await this.prepared.rows<SeriesRow>(
      `${SERIES_SQL} WHERE e.id = $2 AND ${this.access.spaceConditionSql(viewer, 'e.space_id', '$1')}`,
      [viewer.id, eventId],
    );
    if (!row) throw notFound();
    return row;
  }

  /** The event, locked for the change, if the viewer may see it (else 404) and change it (else 403). */
  private async editableEvent(manager: EntityManager, viewer: Viewer, eventId: string): Promise<EventEntity> {
    const [event]: EventEntity[] = await manager.query(
      `SELECT e.id, e.space_id AS "spaceId", e.author_id AS "authorId", e.organization_id AS "organizationId",
         e.title, e.description, e.start_local AS "startLocal", e.end_local AS "endLocal", e.time_zone AS "timeZone",
         e.all_day AS "allDay", e.place, e.address, e.municipality, e.online_url AS "onlineUrl", e.volet,
         e.mrc_code AS "mrcCode", e.tags, e.capacity, e.registration_deadline AS "registrationDeadline", e.rrule,
         e.related_links AS "relatedLinks", e.materialized_until AS "materializedUntil", e.cancelled_at AS "cancelledAt"
       FROM events e WHERE e.id = $1 AND ${this.access.spaceConditionSql(viewer, 'e.space_id', '$2')} FOR UPDATE OF e`,
      [eventId, viewer.id],
    );
    if (!event) throw notFound();
    if (!canEditEvent(viewer, event))
      throw forbidden('Seuls l’organisateur et l’équipe de coordination modifient un événement.');
    return event;
  }

  private occurrenceRows(manager: EntityManager, where: string, values: unknown[]): Promise<OccurrenceRow[]> {
    return manager.query(
      `SELECT ${OCCURRENCE_COLUMNS} FROM event_occurrences o WHERE ${where} ORDER BY o.original_start`,
      values,
    );
  }
}
