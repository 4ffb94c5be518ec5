import { Injectable, type OnModuleInit } from '@nestjs/common';

import { plainText, renderMarkdown } from '../common/markdown/markdown';
import { epochSeconds } from '../search/search-document';
import { SearchIndexer } from '../search/search-indexer';
import { sqlSearchSource } from '../search/sql-search-source';

/** How much of a document's text goes to the index: enough to find it by what it says. */
const INDEXED_TEXT_CHARS = 30_000;

const KIND_LABELS: Record<string, string> = {
  guide: 'Guide',
  outil: 'Outil',
  gabarit: 'Gabarit',
  rapport: 'Rapport',
  politique: 'Politique',
  portrait: 'Portrait',
  formation: 'Formation',
  autre: 'Ressource',
};

interface ResourceRow {
  id: string;
  title: string;
  summary: string;
  kind: string;
  tags: string[];
  themes: string[];
  text: string | null;
  fileName: string | null;
  spaceId: string;
  spaceName: string;
  volet: number | null;
  mrcCodes: string[];
  authorName: string | null;
  organizationId: string | null;
  organizationName: string | null;
  createdAt: Date;
}

/**
 * A resource is found by its title and tags, its summary and the text read from its current version; its context
 * names its kind, themes and organization. Its kind is kept for the library's facet counts. A withdrawn resource
 * leaves the index.
 */
export const resourceSearchSource = sqlSearchSource<ResourceRow>({
  type: 'resource',
  table: 'resources',
  idColumn: 'r.id',
  indexable: 'r.deleted_at IS NULL',
  select: `SELECT r.id, r.title, r.summary, r.kind, r.tags, r.themes, left(v.extracted_text, ${INDEXED_TEXT_CHARS}) AS text,
      v.file_name AS "fileName", r.space_id AS "spaceId", s.name AS "spaceName", r.volet, r.mrc_codes AS "mrcCodes",
      u.display_name AS "authorName", r.organization_id AS "organizationId", o.name AS "organizationName",
      r.created_at AS "createdAt"
    FROM resources r JOIN spaces s ON s.id = r.space_id
    LEFT JOIN resource_versions v ON v.resource_id = r.id AND v.number = r.current_version
    LEFT JOIN users u ON u.id = r.author_id LEFT JOIN organizations o ON o.id = r.organization_id`,
  toDocument: (row) => ({
    uid: `resource_${row.id}`,
    type: 'resource',
    id: row.id,
    title: row.title,
    tags: row.tags,
    body: [plainText(renderMarkdown(row.summary).html), row.text?.replace(/\s+/g, ' ')].filter(Boolean).join(' '),
    context: [KIND_LABELS[row.kind], row.themes.join(', '), row.organizationName, row.fileName]
      .filter(Boolean)
      .join(' · '),
    spaceIds: [row.spaceId],
    everyMember: false,
    spaceName: row.spaceName,
    authorName: row.authorName,
    organizationId: row.organizationId,
    mrc: row.mrcCodes,
    volet: row.volet,
    createdAt: epochSeconds(row.createdAt),
    url: `/ressources/${row.id}`,
    kind: row.kind,
  }),
});

@Injectable()
export class LibrarySearchSource implements OnModuleInit {
  constructor(private readonly indexer: SearchIndexer) {}

  onModuleInit(): void {
    this.indexer.addSource(resourceSearchSource);
  }
}
