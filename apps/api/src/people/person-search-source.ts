import { Injectable, type OnModuleInit } from '@nestjs/common';

import { epochSeconds } from '../search/search-document';
import { SearchIndexer } from '../search/search-indexer';
import { sqlSearchSource } from '../search/sql-search-source';

interface PersonRow {
  id: string;
  displayName: string;
  handle: string;
  title: string;
  createdAt: Date;
  organizationId: string | null;
  organizationName: string | null;
  organizationShortName: string | null;
  mrc: string | null;
  mrcCodes: string[];
  themes: string[];
  tags: string[];
  bio: string;
}

/** "Ministère des Affaires municipales et de l’Habitation (MAMH)"; a short name the full one contains is left out. */
const organizationLabel = (name: string | null, shortName: string | null): string =>
  !name ? '' : shortName && !name.includes(shortName) ? `${name} (${shortName})` : name;

/**
 * Active members, found by name, job title, organization, bio, themes and tags; every member sees every other (a
 * members-only network). Contact details are not indexed: who may see them is the member's choice (visibleContact).
 */
export const personSearchSource = sqlSearchSource<PersonRow>({
  type: 'person',
  table: 'users',
  idColumn: 'u.id',
  indexable: `u.status = 'active'`,
  select: `SELECT u.id, u.display_name AS "displayName", u.handle, u.title, u.created_at AS "createdAt",
      u.organization_id AS "organizationId", o.name AS "organizationName", o.short_name AS "organizationShortName",
      o.mrc_code AS mrc, coalesce(p.mrc_codes, '{}') AS "mrcCodes", coalesce(p.themes, '{}') AS themes,
      coalesce(p.tags, '{}') AS tags, coalesce(p.bio, '') AS bio
    FROM users u LEFT JOIN organizations o ON o.id = u.organization_id
    LEFT JOIN member_profiles p ON p.user_id = u.id`,
  toDocument: (row) => ({
    uid: `person_${row.id}`,
    type: 'person',
    id: row.id,
    title: row.displayName,
    tags: [...row.themes, ...row.tags],
    body: [row.title, row.bio].filter(Boolean).join('\n'),
    context: organizationLabel(row.organizationName, row.organizationShortName),
    spaceIds: [],
    everyMember: true,
    spaceName: null,
    authorName: null,
    organizationId: row.organizationId,
    mrc: [...new Set([...(row.mrc ? [row.mrc] : []), ...row.mrcCodes])],
    volet: null,
    createdAt: epochSeconds(row.createdAt),
    url: `/membres/${row.handle}`,
  }),
});

@Injectable()
export class PersonSearchSource implements OnModuleInit {
  constructor(private readonly indexer: SearchIndexer) {}

  onModuleInit(): void {
    this.indexer.addSource(personSearchSource);
  }
}
