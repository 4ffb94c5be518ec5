import { Injectable, type OnModuleInit } from '@nestjs/common';

import { plainText } from '../common/markdown/markdown';
import { epochSeconds } from '../search/search-document';
import { SearchIndexer } from '../search/search-indexer';
import { sqlSearchSource } from '../search/sql-search-source';

/** What a topic and a reply share in the index: their space, their author and the author's MRC. */
interface ForumRow {
  id: string;
  title: string;
  tags: string[];
  html: string | null;
  createdAt: Date;
  spaceId: string;
  spaceName: string;
  volet: number | null;
  authorName: string | null;
  organizationId: string | null;
  mrc: string | null;
}

const FORUM_CONTEXT = `s.name AS "spaceName", s.volet_number AS volet, u.display_name AS "authorName",
  u.organization_id AS "organizationId", o.mrc_code AS mrc`;
const AUTHOR_JOINS = `LEFT JOIN organizations o ON o.id = u.organization_id`;

const shared = (row: ForumRow) => ({
  spaceIds: [row.spaceId],
  everyMember: false,
  spaceName: row.spaceName,
  authorName: row.authorName,
  organizationId: row.organizationId,
  mrc: row.mrc ? [row.mrc] : [],
  volet: row.volet,
  createdAt: epochSeconds(row.createdAt),
});

/** A topic is found by its title, tags and opening post (number 1), unless that post is hidden or deleted. */
export const topicSearchSource = sqlSearchSource<ForumRow>({
  type: 'topic',
  table: 'topics',
  idColumn: 't.id',
  indexable: 't.deleted_at IS NULL',
  select: `SELECT t.id, t.title, t.tags, t.created_at AS "createdAt", t.space_id AS "spaceId", ${FORUM_CONTEXT},
      CASE WHEN p.deleted_at IS NULL AND p.hidden_at IS NULL THEN p.html END AS html
    FROM topics t JOIN spaces s ON s.id = t.space_id
    LEFT JOIN users u ON u.id = t.author_id ${AUTHOR_JOINS}
    LEFT JOIN posts p ON p.topic_id = t.id AND p.number = 1`,
  toDocument: (row) => ({
    uid: `topic_${row.id}`,
    type: 'topic',
    id: row.id,
    title: row.title,
    tags: row.tags,
    body: row.html ? plainText(row.html) : '',
    context: row.spaceName,
    url: `/sujets/${row.id}`,
    ...shared(row),
  }),
});

/** Replies (posts after the first), found by their text and, less strongly, by their topic's title. */
export const postSearchSource = sqlSearchSource<ForumRow & { topicId: string; number: number }>({
  type: 'post',
  table: 'posts',
  idColumn: 'p.id',
  indexable: 'p.number > 1 AND p.deleted_at IS NULL AND p.hidden_at IS NULL AND t.deleted_at IS NULL',
  select: `SELECT p.id, p.number, t.id AS "topicId", t.title, t.tags, p.html, p.created_at AS "createdAt",
      t.space_id AS "spaceId", ${FORUM_CONTEXT}
    FROM posts p JOIN topics t ON t.id = p.topic_id JOIN spaces s ON s.id = t.space_id
    LEFT JOIN users u ON u.id = p.author_id ${AUTHOR_JOINS}`,
  toDocument: (row) => ({
    uid: `post_${row.id}`,
    type: 'post',
    id: row.id,
    title: '',
    tags: row.tags,
    body: plainText(row.html ?? ''),
    context: row.title,
    url: `/sujets/${row.topicId}?depuis=${row.number}`,
    ...shared(row),
  }),
});

@Injectable()
export class ForumSearchSources implements OnModuleInit {
  constructor(private readonly indexer: SearchIndexer) {}

  onModuleInit(): void {
    this.indexer.addSource(topicSearchSource);
    this.indexer.addSource(postSearchSource);
  }
}
