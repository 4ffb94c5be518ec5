import type { FlaggedPost, FlagReason, ModerationQueue } from '@maillage/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AuditLog } from '../audit/audit-log';
import { notFound } from '../common/http/problems';
import { newId } from '../database/ids';
import { personRef } from '../identity/person-ref';
import type { Viewer } from '../identity/viewer';
import { OutboxService } from '../outbox/outbox.service';
import { RealtimeService } from '../realtime/realtime.service';
import { AccessPolicy } from '../spaces/access-policy';
import { PostEntity } from './entities/post.entity';
import { POST_MODERATED, type PostModeratedPayload } from './forum-events';
import { ForumSearchSync } from './forum-search-sync';
import { PostsService } from './posts.service';
import { TopicsService } from './topics.service';

const resolutions = { hide: 'hidden', restore: 'restored', dismiss: 'dismissed' } as const;
const auditActions = { hide: 'post.hidden', restore: 'post.restored', dismiss: 'flags.dismissed' } as const;

@Injectable()
export class ModerationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly topics: TopicsService,
    private readonly posts: PostsService,
    private readonly realtime: RealtimeService,
    private readonly outbox: OutboxService,
    private readonly searchSync: ForumSearchSync,
    private readonly audit: AuditLog,
  ) {}

  /** One open flag per member and post: flagging twice changes nothing. */
  async flag(viewer: Viewer, topicId: string, number: number, reason: FlagReason, note: string): Promise<void> {
    await this.topics.visibleTopic(viewer, topicId);
    const post = await this.dataSource.getRepository(PostEntity).findOneBy({ topicId, number });
    if (!post || post.deletedAt) throw notFound('Ce message n’existe pas.');
    await this.dataSource.query(
      `INSERT INTO post_flags (id, post_id, flagged_by, reason, note)
       SELECT $1, $2, $3, $4, $5
       WHERE NOT EXISTS (SELECT 1 FROM post_flags WHERE post_id = $2 AND flagged_by = $3 AND resolved_at IS NULL)`,
      [newId(), post.id, viewer.id, reason, note],
    );
  }

  /** Open flags on posts the moderator may see, oldest first, grouped by post. */
  async queue(viewer: Viewer): Promise<ModerationQueue> {
    const visible = this.access.spaceCondition(viewer, 't.space_id');
    const flags = await this.dataSource
      .createQueryBuilder()
      .select([
        'f.post_id AS "postId"',
        'f.reason AS reason',
        'f.note AS note',
        'f.flagged_by AS "flaggedBy"',
        'u.display_name AS "flaggerName"',
        'u.handle AS "flaggerHandle"',
        'f.created_at AS "createdAt"',
        'p.topic_id AS "topicId"',
        'p.number AS number',
        't.title AS "topicTitle"',
        's.name AS "spaceName"',
      ])
      .from('post_flags', 'f')
      .innerJoin('posts', 'p', 'p.id = f.post_id')
      .innerJoin('topics', 't', 't.id = p.topic_id AND t.deleted_at IS NULL')
      .innerJoin('spaces', 's', 's.id = t.space_id')
      .leftJoin('users', 'u', 'u.id = f.flagged_by')
      .where('f.resolved_at IS NULL')
      .andWhere(visible.sql, visible.params)
      .orderBy('f.created_at', 'ASC')
      .limit(500)
      .getRawMany<{
        postId: string;
        reason: FlagReason;
        note: string;
        flaggedBy: string | null;
        flaggerName: string | null;
        flaggerHandle: string | null;
        createdAt: Date;
        topicId: string;
        number: number;
        topicTitle: string;
        spaceName: string;
      }>();
    const byPost = new Map<string, FlaggedPost>();
    for (const flag of flags) {
      let entry = byPost.get(flag.postId);
      if (!entry) {
        entry = {
          post: await this.posts.get(viewer, flag.topicId, flag.number),
          topicId: flag.topicId,
          topicTitle: flag.topicTitle,
          spaceName: flag.spaceName,
          flags: [],
        };
        byPost.set(flag.postId, entry);
      }
      entry.flags.push({
        reason: flag.reason,
        note: flag.note,
        flaggedBy: personRef(flag.flaggedBy, flag.flaggerName, flag.flaggerHandle),
        createdAt: flag.createdAt.toISOString(),
      });
    }
    return { items: [...byPost.values()] };
  }

  /** Hide (collapsed for everyone), restore, or dismiss the flags; the open flags are settled either way. */
  async moderate(viewer: Viewer, topicId: string, number: number, action: keyof typeof resolutions): Promise<void> {
    const topic = await this.topics.visibleTopic(viewer, topicId);
    const post = await this.dataSource.getRepository(PostEntity).findOneBy({ topicId, number });
    if (!post) throw notFound('Ce message n’existe pas.');
    await this.dataSource.transaction(async (manager) => {
      if (action !== 'dismiss') {
        await manager
          .getRepository(PostEntity)
          .update({ id: post.id }, { hiddenAt: action === 'hide' ? new Date() : null });
        await this.searchSync.post(manager, post);
        await this.outbox.enqueue(manager, POST_MODERATED, {
          postId: post.id,
          action,
          at: new Date().toISOString(),
        } satisfies PostModeratedPayload);
      }
      await manager.query(
        'UPDATE post_flags SET resolved_at = now(), resolved_by = $2, resolution = $3 WHERE post_id = $1 AND resolved_at IS NULL',
        [post.id, viewer.id, resolutions[action]],
      );
      await this.audit.record(manager, {
        action: auditActions[action],
        actorId: viewer.id,
        target: `${topic.title}, message n° ${number}`,
        details: { topicId, postId: post.id },
      });
    });
    this.outbox.notifyCommitted();
    this.realtime.emit(`topic:${topicId}`, 'post:updated', { topicId, postId: post.id, number });
  }
}
