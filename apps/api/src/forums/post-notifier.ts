import type { NotificationKind } from '@maillage/contracts';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { mentionCandidates } from '../common/markdown/markdown';
import { IdentityService } from '../identity/identity.service';
import { NotificationsService } from '../notifications/notifications.service';
import { OutboxService } from '../outbox/outbox.service';
import { AccessPolicy } from '../spaces/access-policy';
import { POST_MODERATED, POST_NOTIFY, type PostModeratedPayload, type PostNotifyPayload } from './forum-events';

/** Stronger reasons win when one member has several: one notification per member and post. */
const priority: NotificationKind[] = ['mention', 'reply', 'watched-topic', 'watched-space'];

/**
 * Works out, after a post commits, who hears about it: members it mentions (if they may see the topic), the author of
 * the post it answers, the topic's watchers, and for a new topic the space's watchers — never the writer, never
 * someone who has already read that far, and, but for mentions, never someone who muted the topic or the space. Runs from the outbox; a retry notifies nobody twice.
 */
@Injectable()
export class PostNotifier implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly identity: IdentityService,
    private readonly access: AccessPolicy,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.outbox.register(POST_NOTIFY, (payload) => this.notify(payload as PostNotifyPayload));
    this.outbox.register(POST_MODERATED, (payload) => this.notifyModerated(payload as PostModeratedPayload));
  }

  /** The author of a post a moderator hid or restored hears of it (a deleted account hears nothing). */
  async notifyModerated({ postId, action, at }: PostModeratedPayload): Promise<void> {
    const [post]: { authorId: string | null; number: number; topicId: string; title: string; spaceId: string }[] =
      await this.dataSource.query(
        `SELECT p.author_id AS "authorId", p.number, t.id AS "topicId", t.title, t.space_id AS "spaceId"
         FROM posts p JOIN topics t ON t.id = p.topic_id WHERE p.id = $1`,
        [postId],
      );
    if (!post?.authorId) return;
    await this.notifications.notify([{ userId: post.authorId, kind: 'moderation' }], {
      actorId: null,
      spaceId: post.spaceId,
      topicId: post.topicId,
      postNumber: post.number,
      subject: `${action === 'hide' ? 'Message masqué par la modération' : 'Message rétabli'} : ${post.title}`,
      dedupKey: `moderation:${postId}:${at}`,
    });
  }

  async notify({ postId, mentionsOnly }: PostNotifyPayload): Promise<void> {
    const [post]: {
      authorId: string | null;
      number: number;
      markdown: string;
      replyToNumber: number | null;
      topicId: string;
      title: string;
      spaceId: string;
    }[] = await this.dataSource.query(
      `SELECT p.author_id AS "authorId", p.number, p.markdown, p.reply_to_number AS "replyToNumber",
              t.id AS "topicId", t.title, t.space_id AS "spaceId"
       FROM posts p JOIN topics t ON t.id = p.topic_id
       WHERE p.id = $1 AND p.deleted_at IS NULL AND t.deleted_at IS NULL`,
      [postId],
    );
    if (!post) return;

    const reasons = new Map<string, NotificationKind[]>();
    const add = (userId: string | null | undefined, kind: NotificationKind) => {
      if (!userId || userId === post.authorId) return;
      reasons.set(userId, [...(reasons.get(userId) ?? []), kind]);
    };
    for (const user of await this.identity.findByHandles(mentionCandidates(post.markdown))) add(user.id, 'mention');
    if (!mentionsOnly) {
      if (post.replyToNumber) {
        const [answered]: { authorId: string | null }[] = await this.dataSource.query(
          'SELECT author_id AS "authorId" FROM posts WHERE topic_id = $1 AND number = $2',
          [post.topicId, post.replyToNumber],
        );
        add(answered?.authorId, 'reply');
      }
      const watchers: { userId: string }[] = await this.dataSource.query(
        `SELECT user_id AS "userId" FROM topic_subscriptions WHERE topic_id = $1 AND level = 'watching'`,
        [post.topicId],
      );
      for (const watcher of watchers) add(watcher.userId, 'watched-topic');
      if (post.number === 1) {
        const spaceWatchers: { userId: string }[] = await this.dataSource.query(
          `SELECT user_id AS "userId" FROM space_subscriptions WHERE space_id = $1 AND level = 'watching'`,
          [post.spaceId],
        );
        for (const watcher of spaceWatchers) add(watcher.userId, 'watched-space');
      }
    }

    const muted: { userId: string }[] = await this.dataSource.query(
      `SELECT user_id AS "userId" FROM topic_subscriptions WHERE topic_id = $1 AND level = 'muted'
       UNION SELECT user_id FROM space_subscriptions WHERE space_id = $2 AND level = 'muted'`,
      [post.topicId, post.spaceId],
    );
    const mutedIds = new Set(muted.map((row) => row.userId));
    const allowed = await this.access.whoCanSeeSpace([...reasons.keys()], post.spaceId);
    // Someone reading the topic live has often read the post before this runs: nothing to tell them.
    const alreadyRead: { userId: string }[] = await this.dataSource.query(
      `SELECT user_id AS "userId" FROM topic_reads WHERE topic_id = $1 AND last_read_number >= $2 AND user_id = ANY($3)`,
      [post.topicId, post.number, [...reasons.keys()]],
    );
    const readIds = new Set(alreadyRead.map((row) => row.userId));
    const recipients = [...reasons].flatMap(([userId, kinds]) => {
      if (!allowed.has(userId) || readIds.has(userId)) return [];
      const kind = priority.find(
        (candidate) => kinds.includes(candidate) && (candidate === 'mention' || !mutedIds.has(userId)),
      );
      return kind ? [{ userId, kind }] : [];
    });
    await this.notifications.notify(recipients, {
      actorId: post.authorId,
      spaceId: post.spaceId,
      topicId: post.topicId,
      postNumber: post.number,
      subject: post.title,
      dedupKey: `post:${postId}`,
    });
    // A page open on the topic may have marked the post read between the check above and the notifications'
    // commit, too early to settle them: settle them now (reading marks its read state before its notifications).
    const readMeanwhile: { userId: string; lastRead: number }[] = await this.dataSource.query(
      `SELECT user_id AS "userId", last_read_number AS "lastRead" FROM topic_reads
       WHERE topic_id = $1 AND last_read_number >= $2 AND user_id = ANY($3)`,
      [post.topicId, post.number, recipients.map((recipient) => recipient.userId)],
    );
    for (const { userId, lastRead } of readMeanwhile)
      await this.notifications.markTopicRead(userId, post.topicId, lastRead);
  }
}
