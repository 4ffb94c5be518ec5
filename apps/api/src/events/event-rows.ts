import type { EventLocation, EventSeries } from '@maillage/contracts';
import { DateTime } from 'luxon';

import { renderMarkdown } from '../common/markdown/markdown';
import { personRef } from '../identity/person-ref';
import { isStaff, type Viewer } from '../identity/viewer';
import type { OccurrenceChanges } from './entities/event-occurrence.entity';
import { columnToLocal } from './recurrence';

/** The columns of a series as the api presents it, joined to its space, author and organization. */
export const SERIES_SQL = `SELECT e.id, e.space_id AS "spaceId", s.name AS "spaceName", e.title, e.description,
    e.start_local AS "startLocal", e.end_local AS "endLocal", e.time_zone AS "timeZone", e.all_day AS "allDay",
    e.place, e.address, e.municipality, e.online_url AS "onlineUrl", e.volet, e.mrc_code AS "mrcCode", e.tags,
    e.capacity, e.registration_deadline AS "registrationDeadline", e.rrule, e.related_links AS "relatedLinks",
    e.author_id AS "authorId", u.display_name AS "authorName", u.handle AS "authorHandle",
    e.organization_id AS "organizationId", o.name AS "organizationName", e.cancelled_at AS "cancelledAt",
    e.created_at AS "createdAt",
    EXISTS (SELECT 1 FROM event_follows f WHERE f.event_id = e.id AND f.user_id = $1) AS following
  FROM events e
  JOIN spaces s ON s.id = e.space_id
  LEFT JOIN users u ON u.id = e.author_id
  LEFT JOIN organizations o ON o.id = e.organization_id`;

export interface SeriesRow {
  id: string;
  spaceId: string;
  spaceName: string;
  title: string;
  description: string;
  startLocal: Date;
  endLocal: Date;
  timeZone: string;
  allDay: boolean;
  place: string | null;
  address: string | null;
  municipality: string | null;
  onlineUrl: string | null;
  volet: number | null;
  mrcCode: string | null;
  tags: string[];
  capacity: number | null;
  registrationDeadline: Date | null;
  rrule: string | null;
  relatedLinks: EventSeries['relatedLinks'];
  authorId: string | null;
  authorName: string | null;
  authorHandle: string | null;
  organizationId: string | null;
  organizationName: string | null;
  cancelledAt: Date | null;
  createdAt: Date;
  following: boolean;
}

export const canEditEvent = (viewer: Viewer, event: { authorId: string | null }): boolean =>
  isStaff(viewer) || event.authorId === viewer.id;

/** An all-day event's end is stored exclusive (midnight after) and shown as its last day. */
export const presentEnd = (endLocal: Date, allDay: boolean): string =>
  allDay ? columnToLocal(new Date(endLocal.getTime() - 86_400_000)) : columnToLocal(endLocal);

export function presentSeries(row: SeriesRow, viewer: Viewer, nextOccurrenceId: string | null = null): EventSeries {
  return {
    id: row.id,
    spaceId: row.spaceId,
    spaceName: row.spaceName,
    title: row.title,
    description: row.description,
    descriptionHtml: renderMarkdown(row.description).html,
    start: columnToLocal(row.startLocal),
    end: presentEnd(row.endLocal, row.allDay),
    timeZone: row.timeZone,
    allDay: row.allDay,
    location: { place: row.place, address: row.address, municipality: row.municipality, onlineUrl: row.onlineUrl },
    organization:
      row.organizationId && row.organizationName ? { id: row.organizationId, name: row.organizationName } : null,
    volet: row.volet,
    mrcCode: row.mrcCode,
    tags: row.tags,
    capacity: row.capacity,
    registrationDeadline: row.registrationDeadline
      ? DateTime.fromJSDate(row.registrationDeadline, { zone: row.timeZone }).toFormat("yyyy-MM-dd'T'HH:mm")
      : null,
    rrule: row.rrule,
    relatedLinks: row.relatedLinks,
    author: personRef(row.authorId, row.authorName, row.authorHandle),
    following: row.following,
    canEdit: canEditEvent(viewer, row),
    cancelled: row.cancelledAt !== null,
    createdAt: row.createdAt.toISOString(),
    nextOccurrenceId,
  };
}

/** An occurrence as its series' changes and exports read it. */
export interface OccurrenceRow {
  id: string;
  eventId: string;
  originalStart: Date;
  startsAt: Date;
  endsAt: Date;
  moved: boolean;
  changes: OccurrenceChanges;
  cancelledAt: Date | null;
}

export const OCCURRENCE_COLUMNS = `o.id, o.event_id AS "eventId", o.original_start AS "originalStart",
  o.starts_at AS "startsAt", o.ends_at AS "endsAt", o.moved, o.changes, o.cancelled_at AS "cancelledAt"`;

/** An occurrence's location: the series' unless this occurrence changed it. */
export const occurrenceLocation = (series: EventLocation, changes: OccurrenceChanges): EventLocation => ({
  place: changes.place !== undefined ? changes.place : series.place,
  address: changes.address !== undefined ? changes.address : series.address,
  municipality: changes.municipality !== undefined ? changes.municipality : series.municipality,
  onlineUrl: changes.onlineUrl !== undefined ? changes.onlineUrl : series.onlineUrl,
});

/**
 * An instant as the text `Date.toISOString()` writes: calendars list a thousand occurrences, whose rows are then
 * sent as they come, with no date parsed and formatted again per row.
 */
const isoText = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The occurrences calendars list, in the shape of OccurrenceSummary, with `$1` the viewer, `visible` the access condition on `e.space_id` and `where`
 * the caller's conditions on the occurrence `o` and its event `e`. Each occurrence looks its event up by primary key
 * in a LATERAL subquery that OFFSET 0 keeps apart: joined plainly, PostgreSQL hashes every visible event of the table
 * to join the few hundred occurrences of a month (three times slower on the bench data, bench/events).
 */
export const summarySql = (visible: string, where: string) => `SELECT o.id, o.event_id AS "eventId",
    coalesce(o.changes->>'title', e.title) AS title, ${isoText('o.starts_at')} AS "startsAt",
    ${isoText('o.ends_at')} AS "endsAt",
    e.all_day AS "allDay", e.time_zone AS "timeZone", e.space_id AS "spaceId", e.space_name AS "spaceName", e.volet,
    e.mrc_code AS "mrcCode",
    CASE WHEN o.changes ? 'municipality' THEN o.changes->>'municipality' ELSE e.municipality END AS municipality,
    (CASE WHEN o.changes ? 'onlineUrl' THEN o.changes->>'onlineUrl' ELSE e.online_url END) IS NOT NULL AS online,
    e.rrule IS NOT NULL AS recurring, o.cancelled_at IS NOT NULL AS cancelled, o.going_count AS "goingCount",
    e.capacity, r.status AS "myRsvp"
  FROM event_occurrences o
  CROSS JOIN LATERAL (
    SELECT e.title, e.all_day, e.time_zone, e.space_id, s.name AS space_name, e.volet, e.mrc_code, e.municipality,
      e.online_url, e.rrule, e.capacity
    FROM events e JOIN spaces s ON s.id = e.space_id
    WHERE e.id = o.event_id AND e.cancelled_at IS NULL AND ${visible}
    OFFSET 0) e
  LEFT JOIN event_rsvps r ON r.occurrence_id = o.id AND r.user_id = $1
  WHERE ${where}`;
