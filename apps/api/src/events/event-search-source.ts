import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DateTime } from 'luxon';

import { plainText, renderMarkdown } from '../common/markdown/markdown';
import { epochSeconds } from '../search/search-document';
import { SearchIndexer } from '../search/search-indexer';
import { sqlSearchSource } from '../search/sql-search-source';

interface EventRow {
  id: string;
  title: string;
  description: string;
  tags: string[];
  place: string | null;
  address: string | null;
  municipality: string | null;
  nextStart: Date | null;
  timeZone: string;
  allDay: boolean;
  spaceId: string;
  spaceName: string;
  volet: number | null;
  mrc: string | null;
  authorName: string | null;
  organizationId: string | null;
  organizationName: string | null;
  createdAt: Date;
}

/**
 * An event is found by its title, tags, description and place, once per series; its context tells when it next
 * happens and where. A cancelled series leaves the index.
 */
export const eventSearchSource = sqlSearchSource<EventRow>({
  type: 'event',
  table: 'events',
  idColumn: 'e.id',
  indexable: 'e.cancelled_at IS NULL',
  select: `SELECT e.id, e.title, e.description, e.tags, e.place, e.address, e.municipality, e.time_zone AS "timeZone",
      e.all_day AS "allDay", e.space_id AS "spaceId", s.name AS "spaceName", e.volet, e.mrc_code AS mrc,
      u.display_name AS "authorName", e.organization_id AS "organizationId", o.name AS "organizationName",
      e.created_at AS "createdAt",
      coalesce(
        (SELECT min(x.starts_at) FROM event_occurrences x WHERE x.event_id = e.id AND x.ends_at > now() AND x.cancelled_at IS NULL),
        (SELECT max(x.starts_at) FROM event_occurrences x WHERE x.event_id = e.id)) AS "nextStart"
    FROM events e JOIN spaces s ON s.id = e.space_id
    LEFT JOIN users u ON u.id = e.author_id LEFT JOIN organizations o ON o.id = e.organization_id`,
  toDocument: (row) => {
    const when = row.nextStart
      ? DateTime.fromJSDate(row.nextStart, { zone: row.timeZone })
          .setLocale('fr-CA')
          .toFormat(row.allDay ? 'd LLLL yyyy' : "d LLLL yyyy, H 'h' mm")
      : null;
    return {
      uid: `event_${row.id}`,
      type: 'event',
      id: row.id,
      title: row.title,
      tags: row.tags,
      body: [plainText(renderMarkdown(row.description).html), row.place, row.address].filter(Boolean).join(' '),
      context: [when, row.municipality, row.organizationName].filter(Boolean).join(' · '),
      spaceIds: [row.spaceId],
      everyMember: false,
      spaceName: row.spaceName,
      authorName: row.authorName,
      organizationId: row.organizationId,
      mrc: row.mrc ? [row.mrc] : [],
      volet: row.volet,
      createdAt: epochSeconds(row.createdAt),
      url: `/evenements/${row.id}`,
    };
  },
});

@Injectable()
export class EventSearchSource implements OnModuleInit {
  constructor(private readonly indexer: SearchIndexer) {}

  onModuleInit(): void {
    this.indexer.addSource(eventSearchSource);
  }
}
