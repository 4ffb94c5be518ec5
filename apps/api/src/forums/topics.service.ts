import type {
  CreateTopicRequest,
  SubscriptionLevel,
  Topic,
  TopicFeedQuery,
  TopicListQuery,
  TopicPage,
  UpdateTopicRequest,
} from '@maillage/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';

import { decodeCursor, encodeCursor } from '../common/http/cursor';
import { forbidden, invalid, notFound } from '../common/http/problems';
import { mentionCandidates, renderMarkdown } from '../common/markdown/markdown';
import { newId } from '../database/ids';
import { PreparedStatements } from '../database/prepared-statements';
import { IdentityService } from '../identity/identity.service';
import { isStaff, type Viewer } from '../identity/viewer';
import { NotificationsService } from '../notifications/notifications.service';
import { OutboxService } from '../outbox/outbox.service';
import { RealtimeService } from '../realtime/realtime.service';
import { AccessPolicy } from '../spaces/access-policy';
import { PostEntity } from './entities/post.entity';
import { TopicEntity } from './entities/topic.entity';
import { POST_NOTIFY, type PostNotifyPayload } from './forum-events';
import { ForumSearchSync } from './forum-search-sync';
import { NEW_TOPIC_DAYS, presentTopic, TOPIC_ROW_SQL, type TopicRow } from './topic-row';

type SortKey = 'lastPostedAt' | 'createdAt' | 'likeCount';
const sortColumns: Record<TopicListQuery['sort'], { column: string; key: SortKey }> = {
  latest: { column: 't.last_posted_at', key: 'lastPostedAt' },
  new: { column: 't.created_at', key: 'createdAt' },
  top: { column: 't.like_count', key: 'likeCount' },
};

const cursorValue = (row: TopicRow, key: SortKey): string | number =>
  key === 'likeCount' ? row.likeCount : row[key].toISOString();

@Injectable()
export class TopicsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly identity: IdentityService,
    private readonly outbox: OutboxService,
    private readonly realtime: RealtimeService,
    private readonly notifications: NotificationsService,
    private readonly prepared: PreparedStatements,
    private readonly searchSync: ForumSearchSync,
  ) {}

  /** The topic if the viewer may see it (its space, the one access rule), else 404. */
  async visibleTopic(viewer: Viewer, topicId: string): Promise<TopicEntity> {
    const [topic] = await this.prepared.rows<TopicEntity>(
      `SELECT t.id, t.space_id AS "spaceId", t.author_id AS "authorId", t.title, t.tags, t.post_count AS "postCount",
              t.last_post_number AS "lastPostNumber", t.pinned_at AS "pinnedAt", t.announced_at AS "announcedAt",
              t.locked_at AS "lockedAt"
       FROM topics t WHERE t.id = $1 AND t.deleted_at IS NULL AND ${this.access.spaceConditionSql(viewer, 't.space_id', '$2')}`,
      [topicId, viewer.id],
    );
    if (!topic) throw notFound();
    return topic;
  }

  canSeeTopic(viewer: Viewer, topicId: string): Promise<boolean> {
    return this.visibleTopic(viewer, topicId).then(
      () => true,
      () => false,
    );
  }

  /** One topic with the viewer's reading state, in one query that carries the access rule (404 otherwise). */
  async get(viewer: Viewer, topicId: string): Promise<Topic> {
    const [row] = await this.prepared.rows<TopicRow>(
      `${TOPIC_ROW_SQL} WHERE t.id = $2 AND t.deleted_at IS NULL AND ${this.access.spaceConditionSql(viewer, 't.space_id', '$1')}`,
      [viewer.id, topicId],
    );
    if (!row) throw notFound();
    return {
      ...presentTopic(row, viewer),
      canModerate: isStaff(viewer),
      canReply: row.lockedAt === null || isStaff(viewer),
    };
  }

  /**
   * A space's forum: pinned topics first (first page only), then by the chosen order with a keyset cursor. Written
   * as plain SQL: this is the busiest list of the platform (bench/forums).
   */
  async listInSpace(viewer: Viewer, spaceId: string, query: TopicListQuery): Promise<TopicPage> {
    const { column, key } = sortColumns[query.sort];
    const values: unknown[] = [viewer.id, spaceId];
    // The access rule rides along in the query: a visible space with topics costs one round trip; only an empty
    // answer asks separately whether the space is hidden (404) or just empty.
    let filter = `t.space_id = $2 AND t.deleted_at IS NULL AND ${this.access.spaceConditionSql(viewer, 't.space_id', '$1')}`;
    if (query.tag) {
      values.push(query.tag);
      filter += ` AND $${values.length} = ANY(t.tags)`;
    }
    let keyset = '';
    if (query.cursor) {
      const [value, id] = decodeCursor<[string | number, string]>(query.cursor, 2);
      values.push(value, id);
      keyset = ` AND (${column}, t.id) < ($${values.length - 1}, $${values.length})`;
    }
    // A literal LIMIT (a validated integer): with a parameter, PostgreSQL's generic plan guesses its size.
    const listed = `(${TOPIC_ROW_SQL} WHERE ${filter} AND t.pinned_at IS NULL${keyset}
      ORDER BY ${column} DESC, t.id DESC LIMIT ${query.limit + 1})`;
    // The first page leads with the pinned topics, fetched in the same statement.
    const text = query.cursor
      ? listed
      : `SELECT * FROM ((${TOPIC_ROW_SQL} WHERE ${filter} AND t.pinned_at IS NOT NULL ORDER BY t.pinned_at DESC LIMIT 20)
         UNION ALL ${listed}) topics
         ORDER BY "pinnedAt" IS NULL, "pinnedAt" DESC, "${key}" DESC, id DESC`;
    const rows = await this.prepared.rows<TopicRow>(text, values);
    if (rows.length === 0 && !(await this.access.canSeeSpace(viewer, spaceId))) throw notFound();
    const pinned = rows.filter((row) => row.pinnedAt !== null);
    const others = rows.filter((row) => row.pinnedAt === null);
    return this.page(viewer, [...pinned, ...others.slice(0, query.limit)], others.length > query.limit, key);
  }

  /** Every space's topics the viewer may see: latest activity, unread (read before, with new posts) or new. */
  async feed(viewer: Viewer, query: TopicFeedQuery): Promise<TopicPage> {
    const key: SortKey = query.view === 'new' ? 'createdAt' : 'lastPostedAt';
    const column = key === 'createdAt' ? 't.created_at' : 't.last_posted_at';
    const visible = `t.deleted_at IS NULL AND ${this.access.spaceConditionSql(viewer, 't.space_id', '$1')}`;
    const values: unknown[] = [viewer.id];
    let filter = visible;
    if (query.view === 'unread') {
      filter += ` AND EXISTS (SELECT 1 FROM topic_reads r WHERE r.user_id = $1 AND r.topic_id = t.id AND t.last_post_number > r.last_read_number)
        AND NOT EXISTS (SELECT 1 FROM topic_subscriptions ts WHERE ts.user_id = $1 AND ts.topic_id = t.id AND ts.level = 'muted')`;
    } else if (query.view === 'new') {
      filter += ` AND NOT EXISTS (SELECT 1 FROM topic_reads r WHERE r.user_id = $1 AND r.topic_id = t.id)
        AND t.author_id IS DISTINCT FROM $1 AND t.created_at > now() - make_interval(days => ${NEW_TOPIC_DAYS})`;
    }
    if (query.cursor) {
      const [value, id] = decodeCursor<[string, string]>(query.cursor, 2);
      values.push(value, id);
      filter += ` AND (${column}, t.id) < ($2, $3)`;
    }
    const rows = await this.prepared.rows<TopicRow>(
      `${TOPIC_ROW_SQL} WHERE ${filter} ORDER BY ${column} DESC, t.id DESC LIMIT ${query.limit + 1}`,
      values,
    );
    // Announcements lead the first page of the latest view.
    const announcements =
      query.view === 'latest' && !query.cursor
        ? await this.prepared.rows<TopicRow>(
            `${TOPIC_ROW_SQL} WHERE t.announced_at IS NOT NULL AND ${visible} ORDER BY t.announced_at DESC LIMIT 10`,
            [viewer.id],
          )
        : [];
    const announced = new Set(announcements.map((row) => row.id));
    const page = rows.slice(0, query.limit);
    return this.page(
      viewer,
      [...announcements, ...page.filter((row) => !announced.has(row.id))],
      rows.length > query.limit,
      key,
      page.at(-1),
    );
  }

  async create(viewer: Viewer, spaceId: string, request: z.output<typeof CreateTopicRequest>): Promise<Topic> {
    await this.access.assertCanSeeSpace(viewer, spaceId);
    const rendered = renderMarkdown(request.body, await this.mentionable(request.body));
    const topicId = newId();
    const postId = newId();
    await this.dataSource.transaction(async (manager) => {
      const now = new Date();
      await manager.getRepository(TopicEntity).insert({
        id: topicId,
        spaceId,
        authorId: viewer.id,
        title: request.title,
        tags: [...new Set(request.tags)],
        postCount: 1,
        lastPostNumber: 1,
        lastPostedAt: now,
      });
      await manager.getRepository(PostEntity).insert({
        id: postId,
        topicId,
        number: 1,
        authorId: viewer.id,
        markdown: request.body,
        html: rendered.html,
        replyToNumber: null,
      });
      await this.afterPosting(manager, viewer.id, topicId, 1);
      await this.outbox.enqueue(manager, POST_NOTIFY, { postId, mentionsOnly: false } satisfies PostNotifyPayload);
      await this.searchSync.topic(manager, topicId, false);
    });
    this.outbox.notifyCommitted();
    this.realtime.emit(`space:${spaceId}`, 'topic:updated', { topicId, spaceId, lastPostNumber: 1, postCount: 1 });
    return this.get(viewer, topicId);
  }

  /** The author watches what they write in (unless they muted it), and has read it: one statement. */
  async afterPosting(manager: EntityManager, userId: string, topicId: string, number: number): Promise<void> {
    await manager.query(
      `WITH watching AS (
         INSERT INTO topic_subscriptions (user_id, topic_id, level) VALUES ($1, $2, 'watching') ON CONFLICT DO NOTHING)
       INSERT INTO topic_reads (user_id, topic_id, last_read_number, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (user_id, topic_id) DO UPDATE SET last_read_number = GREATEST(topic_reads.last_read_number, EXCLUDED.last_read_number), updated_at = now()`,
      [userId, topicId, number],
    );
  }

  async update(viewer: Viewer, topicId: string, change: UpdateTopicRequest): Promise<Topic> {
    const topic = await this.visibleTopic(viewer, topicId);
    const staff = isStaff(viewer);
    if ((change.title !== undefined || change.tags !== undefined) && topic.authorId !== viewer.id && !staff) {
      throw forbidden('Seuls l’auteur et les modérateurs peuvent modifier ce sujet.');
    }
    if ((change.pinned !== undefined || change.locked !== undefined || change.spaceId !== undefined) && !staff) {
      throw forbidden('Épingler, verrouiller ou déplacer un sujet est réservé aux modérateurs.');
    }
    if (change.announcement !== undefined && viewer.role !== 'admin') {
      throw forbidden('Les annonces à tout le réseau sont réservées aux administrateurs.');
    }
    if (change.spaceId !== undefined && !(await this.access.canSeeSpace(viewer, change.spaceId))) {
      throw invalid('body.spaceId', 'Espace inconnu');
    }
    const stamp = (flag: boolean | undefined, current: Date | null) =>
      flag === undefined ? current : flag ? (current ?? new Date()) : null;
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(TopicEntity).update(
        { id: topicId },
        {
          title: change.title ?? topic.title,
          tags: change.tags ? [...new Set(change.tags)] : topic.tags,
          pinnedAt: stamp(change.pinned, topic.pinnedAt),
          announcedAt: stamp(change.announcement, topic.announcedAt),
          lockedAt: stamp(change.locked, topic.lockedAt),
          spaceId: change.spaceId ?? topic.spaceId,
        },
      );
      // Replies carry their topic's title, tags and space in the index.
      const repliesChange = change.title !== undefined || change.tags !== undefined || change.spaceId !== undefined;
      await this.searchSync.topic(manager, topicId, repliesChange);
    });
    this.outbox.notifyCommitted();
    const updated = { topicId, lastPostNumber: topic.lastPostNumber, postCount: topic.postCount };
    this.realtime.emit(`space:${topic.spaceId}`, 'topic:updated', { ...updated, spaceId: topic.spaceId });
    if (change.spaceId && change.spaceId !== topic.spaceId) {
      this.realtime.emit(`space:${change.spaceId}`, 'topic:updated', { ...updated, spaceId: change.spaceId });
    }
    return this.get(viewer, topicId);
  }

  /** Soft delete with its first post; the posts stay in the database. */
  async softDelete(manager: EntityManager, topic: TopicEntity): Promise<void> {
    await manager.getRepository(TopicEntity).update({ id: topic.id }, { deletedAt: new Date() });
    await this.searchSync.topic(manager, topic.id, true);
  }

  async markRead(viewer: Viewer, topicId: string, lastReadNumber: number): Promise<void> {
    const topic = await this.visibleTopic(viewer, topicId);
    const capped = Math.min(lastReadNumber, topic.lastPostNumber);
    await this.dataSource.query(
      `INSERT INTO topic_reads (user_id, topic_id, last_read_number, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (user_id, topic_id) DO UPDATE SET last_read_number = GREATEST(topic_reads.last_read_number, EXCLUDED.last_read_number), updated_at = now()`,
      [viewer.id, topicId, capped],
    );
    await this.notifications.markTopicRead(viewer.id, topicId, capped);
  }

  async subscribeTopic(viewer: Viewer, topicId: string, level: SubscriptionLevel): Promise<void> {
    await this.visibleTopic(viewer, topicId);
    await this.setSubscription('topic_subscriptions', 'topic_id', viewer.id, topicId, level);
  }

  async subscribeSpace(viewer: Viewer, spaceId: string, level: SubscriptionLevel): Promise<void> {
    await this.access.assertCanSeeSpace(viewer, spaceId);
    await this.setSubscription('space_subscriptions', 'space_id', viewer.id, spaceId, level);
  }

  /** "normal" is the absence of a row. */
  private async setSubscription(
    table: 'topic_subscriptions' | 'space_subscriptions',
    column: 'topic_id' | 'space_id',
    userId: string,
    targetId: string,
    level: SubscriptionLevel,
  ): Promise<void> {
    if (level === 'normal') {
      await this.dataSource.query(`DELETE FROM ${table} WHERE user_id = $1 AND ${column} = $2`, [userId, targetId]);
      return;
    }
    await this.dataSource.query(
      `INSERT INTO ${table} (user_id, ${column}, level) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, ${column}) DO UPDATE SET level = EXCLUDED.level`,
      [userId, targetId, level],
    );
  }

  /** handle → display name for every active member a text mentions. */
  async mentionable(source: string): Promise<Map<string, string>> {
    const users = await this.identity.findByHandles(mentionCandidates(source));
    return new Map(users.map((user) => [user.handle, user.displayName]));
  }

  private page(viewer: Viewer, rows: TopicRow[], more: boolean, key: SortKey, last = rows.at(-1)): TopicPage {
    const now = Date.now();
    return {
      items: rows.map((row) => presentTopic(row, viewer, now)),
      nextCursor: more && last ? encodeCursor([cursorValue(last, key), last.id]) : null,
    };
  }
}
