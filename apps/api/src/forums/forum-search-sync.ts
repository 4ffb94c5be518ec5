import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { OutboxService } from '../outbox/outbox.service';
import { SEARCH_INDEX, type SearchSyncPayload } from '../search/search-events';

/**
 * Which search documents a forum write touches, enqueued in the write's transaction. The opening post is part of its
 * topic's document; a topic's title, tags and space are part of every reply's.
 */
@Injectable()
export class ForumSearchSync {
  constructor(private readonly outbox: OutboxService) {}

  async post(manager: EntityManager, post: { id: string; number: number; topicId: string }): Promise<void> {
    const refs: SearchSyncPayload[] = [{ type: 'post', id: post.id }];
    if (post.number === 1) refs.push({ type: 'topic', id: post.topicId });
    await this.outbox.enqueueMany(manager, SEARCH_INDEX, refs);
  }

  async topic(manager: EntityManager, topicId: string, withReplies: boolean): Promise<void> {
    const replies: { id: string }[] = withReplies
      ? await manager.query('SELECT id FROM posts WHERE topic_id = $1 AND number > 1', [topicId])
      : [];
    await this.outbox.enqueueMany(manager, SEARCH_INDEX, [
      { type: 'topic', id: topicId },
      ...replies.map(({ id }): SearchSyncPayload => ({ type: 'post', id })),
    ]);
  }
}
