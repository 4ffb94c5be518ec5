import { Injectable, type OnModuleInit } from '@nestjs/common';

import { plainText } from '../common/markdown/markdown';
import { epochSeconds } from '../search/search-document';
import { SearchIndexer } from '../search/search-indexer';
import { sqlSearchSource } from '../search/sql-search-source';

interface MessageRow {
  id: string;
  channelId: string;
  channelName: string;
  seq: number;
  html: string;
  spaceId: string;
  spaceName: string;
  volet: number | null;
  authorName: string | null;
  organizationId: string | null;
  createdAt: Date;
}

/**
 * Channel messages, found by their text, in the channel's space. Direct conversations stay out of the index: search
 * lets administrators see every space, and others' direct messages are no administrator's business.
 */
export const messageSearchSource = sqlSearchSource<MessageRow>({
  type: 'message',
  table: 'messages',
  idColumn: 'm.id',
  indexable: `m.deleted_at IS NULL AND s.kind <> 'direct'`,
  select: `SELECT m.id, m.channel_id AS "channelId", c.name AS "channelName", m.seq, m.html, s.id AS "spaceId",
      s.name AS "spaceName", s.volet_number AS volet, u.display_name AS "authorName",
      u.organization_id AS "organizationId", m.created_at AS "createdAt"
    FROM messages m JOIN channels c ON c.id = m.channel_id JOIN spaces s ON s.id = c.space_id
    LEFT JOIN users u ON u.id = m.author_id`,
  toDocument: (row) => {
    const text = plainText(row.html);
    return {
      uid: `message_${row.id}`,
      type: 'message',
      id: row.id,
      title: text.length > 80 ? `${text.slice(0, 80)}…` : text,
      tags: [],
      body: text,
      context: `#${row.channelName}`,
      spaceIds: [row.spaceId],
      everyMember: false,
      spaceName: row.spaceName,
      authorName: row.authorName,
      organizationId: row.organizationId,
      mrc: [],
      volet: row.volet,
      createdAt: epochSeconds(row.createdAt),
      url: `/discussions/${row.channelId}?message=${row.seq}`,
    };
  },
});

@Injectable()
export class MessageSearchSource implements OnModuleInit {
  constructor(private readonly indexer: SearchIndexer) {}

  onModuleInit(): void {
    this.indexer.addSource(messageSearchSource);
  }
}
