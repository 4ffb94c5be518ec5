import type { CalendarFeed } from '@maillage/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { notFound } from '../common/http/problems';
import { AppConfig } from '../config/app-config';
import { PreparedStatements } from '../database/prepared-statements';
import { TokenHasher } from '../identity/token-hasher';
import type { Viewer } from '../identity/viewer';
import { AccessPolicy } from '../spaces/access-policy';
import { CalendarExport, type ExportSeries } from './calendar-export';
import { OCCURRENCE_COLUMNS, type OccurrenceRow } from './event-rows';
import { columnToLocal } from './recurrence';

const EXPORT_SERIES_SQL = `SELECT e.id, e.title, e.description, e.time_zone AS "timeZone", e.all_day AS "allDay",
    e.place, e.address, e.municipality, e.online_url AS "onlineUrl", o.name AS "organizationName", e.rrule,
    e.start_local AS "startLocal", e.end_local AS "endLocal", e.cancelled_at IS NOT NULL AS cancelled,
    e.created_at AS "createdAt", e.updated_at AS "updatedAt"
  FROM events e LEFT JOIN organizations o ON o.id = e.organization_id`;

/** How far back a feed reaches: past events stay in members' calendars for a season. */
const FEED_PAST_DAYS = 180;

/**
 * iCalendar exports: one event's .ics, and each member's subscription feed behind a secret token (only its HMAC is
 * stored; a new one replaces the old, a revoked one answers 404). The feed holds the events the member may see —
 * the access policy, judged at each fetch — and follows or has answered going, maybe or waitlisted.
 */
@Injectable()
export class CalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly access: AccessPolicy,
    private readonly prepared: PreparedStatements,
    private readonly tokens: TokenHasher,
  ) {}

  async eventIcs(viewer: Viewer, eventId: string): Promise<{ fileName: string; ics: string }> {
    const ids = await this.prepared.rows<{ id: string; title: string }>(
      `SELECT e.id, e.title FROM events e WHERE e.id = $1 AND ${this.access.spaceConditionSql(viewer, 'e.space_id', '$2')}`,
      [eventId, viewer.id],
    );
    if (ids.length === 0) throw notFound();
    const ics = await this.export(ids[0]!.title, [eventId]);
    return { fileName: `${ids[0]!.title}.ics`, ics };
  }

  async feedStatus(viewer: Viewer): Promise<CalendarFeed> {
    const [row] = await this.dataSource.query(
      'SELECT created_at AS "createdAt" FROM calendar_feeds WHERE user_id = $1 AND revoked_at IS NULL',
      [viewer.id],
    );
    return { url: null, active: Boolean(row), createdAt: row ? row.createdAt.toISOString() : null };
  }

  async createFeed(viewer: Viewer): Promise<CalendarFeed> {
    const { token, hash } = this.tokens.issue();
    const createdAt: Date = await this.dataSource.transaction(async (manager) => {
      await manager.query('UPDATE calendar_feeds SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [
        viewer.id,
      ]);
      const [row] = await manager.query(
        'INSERT INTO calendar_feeds (token_hash, user_id) VALUES ($1, $2) RETURNING created_at AS "createdAt"',
        [hash, viewer.id],
      );
      return row.createdAt;
    });
    return {
      url: `${this.config.publicUrl}/api/v1/calendar/${token}.ics`,
      active: true,
      createdAt: createdAt.toISOString(),
    };
  }

  async revokeFeed(viewer: Viewer): Promise<void> {
    await this.dataSource.query(
      'UPDATE calendar_feeds SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
      [viewer.id],
    );
  }

  /** The feed behind a token; an unknown or revoked token, or a deactivated account, answers 404. */
  async feed(token: string): Promise<string> {
    const [owner] = await this.prepared.rows<{ id: string; role: Viewer['role']; displayName: string }>(
      `SELECT u.id, u.role, u.display_name AS "displayName" FROM calendar_feeds f JOIN users u ON u.id = f.user_id
       WHERE f.token_hash = $1 AND f.revoked_at IS NULL AND u.status = 'active'`,
      [this.tokens.hash(token)],
    );
    if (!owner) throw notFound();
    const viewer: Viewer = { id: owner.id, role: owner.role, sessionId: '' };
    const rows = await this.prepared.rows<{ id: string }>(
      `SELECT e.id FROM events e
       WHERE ${this.access.spaceConditionSql(viewer, 'e.space_id', '$1')}
         AND (EXISTS (SELECT 1 FROM event_follows f WHERE f.event_id = e.id AND f.user_id = $1)
           OR EXISTS (SELECT 1 FROM event_rsvps r JOIN event_occurrences o ON o.id = r.occurrence_id
                      WHERE r.user_id = $1 AND o.event_id = e.id AND r.status <> 'declined'))
         AND EXISTS (SELECT 1 FROM event_occurrences o WHERE o.event_id = e.id
                     AND o.ends_at > now() - make_interval(days => ${FEED_PAST_DAYS}))`,
      [viewer.id],
    );
    return this.export(
      `Maillage — ${owner.displayName}`,
      rows.map((row) => row.id),
    );
  }

  /** Loads the series and the occurrences they must spell out in two queries, whatever their number. */
  private async export(name: string, eventIds: string[]): Promise<string> {
    const calendar = new CalendarExport(name, this.config.publicUrl);
    if (eventIds.length === 0) return calendar.toString();
    const series = await this.prepared.rows<Omit<ExportSeries, 'start' | 'end'> & { startLocal: Date; endLocal: Date }>(
      `${EXPORT_SERIES_SQL} WHERE e.id = ANY($1) ORDER BY e.start_local, e.id`,
      [eventIds],
    );
    const occurrences = await this.prepared.rows<OccurrenceRow>(
      `SELECT ${OCCURRENCE_COLUMNS}
       FROM event_occurrences o JOIN events e ON e.id = o.event_id
       WHERE o.event_id = ANY($1) AND (e.rrule IS NULL OR o.moved OR o.changes <> '{}' OR o.cancelled_at IS NOT NULL)
       ORDER BY o.original_start`,
      [eventIds],
    );
    const byEvent = new Map<string, OccurrenceRow[]>();
    for (const occurrence of occurrences) {
      byEvent.set(occurrence.eventId, [...(byEvent.get(occurrence.eventId) ?? []), occurrence]);
    }
    for (const row of series) {
      calendar.add(
        { ...row, start: columnToLocal(row.startLocal), end: columnToLocal(row.endLocal) },
        byEvent.get(row.id) ?? [],
      );
    }
    return calendar.toString();
  }
}
