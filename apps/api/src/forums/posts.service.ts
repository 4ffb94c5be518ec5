import type { CreatePostRequest, Post, PostPage, PostPageQuery, PostRevisionList } from '@maillage/contracts';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { forbidden, invalid, notFound, Problem } from '../common/http/problems';
import { renderMarkdown } from '../common/markdown/markdown';
import { newId } from '../database/ids';
import { PreparedStatements } from '../database/prepared-statements';
import { personRef } from '../identity/person-ref';
import { isStaff, type Viewer } from '../identity/viewer';
import { OutboxService } from '../outbox/outbox.service';
import { RealtimeService } from '../realtime/realtime.service';
import { AccessPolicy } from '../spaces/access-policy';
import { PostEntity } from './entities/post.entity';
import { PostRevisionEntity } from './entities/post-revision.entity';
import { POST_NOTIFY, type PostNotifyPayload } from './forum-events';
import { ForumSearchSync } from './forum-search-sync';
import { TopicsService } from './topics.service';

interface PostRow {
  id: string;
  topicId: string;
  number: number;
  authorId: string | null;
  authorName: string | null;
  authorHandle: string | null;
  markdown: string;
  html: string;
  replyToNumber: number | null;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  likeCount: number;
  likedByMe: boolean;
}

/** A post of a page, or only the topic's number of posts when the page is past the end (`id` null). */
type PageRow = Omit<PostRow, 'id'> & { id: string | null; topicLastPostNumber: number };

const POST_COLUMNS = `p.id, p.topic_id AS "topicId", p.number, p.author_id AS "authorId", u.display_name AS "authorName",
  u.handle AS "authorHandle", p.markdown, p.html, p.reply_to_number AS "replyToNumber", p.created_at AS "createdAt",
  p.edited_at AS "editedAt", p.deleted_at AS "deletedAt", p.hidden_at AS "hiddenAt", p.like_count AS "likeCount",
  (l.user_id IS NOT NULL) AS "likedByMe"`;

export function presentPost(row: PostRow, viewer: Viewer): Post {
  const deleted = row.deletedAt !== null;
  return {
    id: row.id,
    topicId: row.topicId,
    number: row.number,
    author: personRef(row.authorId, row.authorName, row.authorHandle),
    // A deleted post keeps its place in the thread; its text stays in the database, not in the page.
    html: deleted ? '' : row.html,
    markdown: deleted ? '' : row.markdown,
    replyToNumber: row.replyToNumber,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    deleted,
    hidden: row.hiddenAt !== null,
    likeCount: row.likeCount,
    likedByMe: row.likedByMe,
    canEdit: !deleted && (row.authorId === viewer.id || isStaff(viewer)),
  };
}

@Injectable()
export class PostsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly topics: TopicsService,
    private readonly outbox: OutboxService,
    private readonly realtime: RealtimeService,
    private readonly prepared: PreparedStatements,
    private readonly searchSync: ForumSearchSync,
    private readonly access: AccessPolicy,
  ) {}

  /**
   * Posts from number `from` on; a deep page is a range scan on (topic_id, number). The topic's access check rides in
   * the same statement — one round trip, as the topic page is the forum's busiest read (bench/forums): no row at all
   * means the topic is not there for this viewer, a row without a post a page past the end.
   */
  async page(viewer: Viewer, topicId: string, query: PostPageQuery): Promise<PostPage> {
    const rows = await this.prepared.rows<PageRow>(
      `SELECT t.last_post_number AS "topicLastPostNumber", page.* FROM topics t
       LEFT JOIN LATERAL (
         SELECT ${POST_COLUMNS} FROM posts p
         LEFT JOIN users u ON u.id = p.author_id
         LEFT JOIN post_likes l ON l.post_id = p.id AND l.user_id = $2
         WHERE p.topic_id = $1 AND p.number >= $3
         ORDER BY p.number LIMIT $4) page ON true
       WHERE t.id = $1 AND t.deleted_at IS NULL AND ${this.access.spaceConditionSql(viewer, 't.space_id', '$2')}`,
      [topicId, viewer.id, query.from, query.limit + 1],
    );
    if (rows.length === 0) throw notFound();
    const posts = rows.filter((row): row is PageRow & PostRow => row.id !== null);
    const page = posts.slice(0, query.limit);
    return {
      items: page.map((row) => presentPost(row, viewer)),
      total: rows[0]!.topicLastPostNumber,
      nextFrom: posts.length > query.limit ? posts[query.limit]!.number : null,
    };
  }

  async get(viewer: Viewer, topicId: string, number: number): Promise<Post> {
    const [row] = await this.prepared.rows<PostRow>(
      `SELECT ${POST_COLUMNS} FROM posts p
       LEFT JOIN users u ON u.id = p.author_id
       LEFT JOIN post_likes l ON l.post_id = p.id AND l.user_id = $2
       WHERE p.topic_id = $1 AND p.number = $3`,
      [topicId, viewer.id, number],
    );
    if (!row) throw notFound('Ce message n’existe pas.');
    return presentPost(row, viewer);
  }

  /**
   * A reply takes the next number under the topic row's lock: concurrent replies queue on it, so numbers have no gap
   * and no duplicate. The lock is held from the number's UPDATE, which also carries the access rule, to the commit,
   * five statements later.
   */
  async reply(viewer: Viewer, topicId: string, request: CreatePostRequest): Promise<Post> {
    const rendered = renderMarkdown(request.body, await this.topics.mentionable(request.body));
    const { row, spaceId, postCount } = await this.dataSource.transaction(async (manager) => {
      const [[topic]]: [{ last_post_number: number; space_id: string; post_count: number }[]] = await manager.query(
        `UPDATE topics SET last_post_number = last_post_number + 1, post_count = post_count + 1, last_posted_at = now(), updated_at = now()
         WHERE id = $1 AND deleted_at IS NULL AND (locked_at IS NULL OR $2)
           AND ${this.access.spaceConditionSql(viewer, 'space_id', '$3')}
         RETURNING last_post_number, space_id, post_count`,
        [topicId, isStaff(viewer), viewer.id],
      );
      if (!topic) return this.refuseReply(viewer, topicId);
      const number = topic.last_post_number;
      if (request.replyToNumber !== undefined && request.replyToNumber >= number) {
        throw invalid('body.replyToNumber', 'Ce message n’existe pas dans ce sujet');
      }
      // An INSERT's one row: RETURNING answers it or the statement throws.
      const [inserted]: [PostRow] = await manager.query(
        `WITH p AS (
           INSERT INTO posts (id, topic_id, number, author_id, markdown, html, reply_to_number)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *)
         SELECT ${POST_COLUMNS} FROM p
         LEFT JOIN users u ON u.id = p.author_id
         LEFT JOIN post_likes l ON l.post_id = p.id AND l.user_id = $4`,
        [newId(), topicId, number, viewer.id, request.body, rendered.html, request.replyToNumber ?? null],
      );
      await this.topics.afterPosting(manager, viewer.id, topicId, number);
      await this.outbox.enqueue(manager, POST_NOTIFY, {
        postId: inserted.id,
        mentionsOnly: false,
      } satisfies PostNotifyPayload);
      await this.searchSync.post(manager, { id: inserted.id, number, topicId });
      return { row: inserted, spaceId: topic.space_id, postCount: topic.post_count };
    });
    this.outbox.notifyCommitted();
    const { id: postId, number } = row;
    this.realtime.emit(`topic:${topicId}`, 'post:created', { topicId, postId, number, authorId: viewer.id });
    this.realtime.emit(`space:${spaceId}`, 'topic:updated', { topicId, spaceId, lastPostNumber: number, postCount });
    return presentPost(row, viewer);
  }

  /** Why a topic took no reply: gone or out of the viewer's sight (visibleTopic's 404), or else locked to members. */
  private async refuseReply(viewer: Viewer, topicId: string): Promise<never> {
    await this.topics.visibleTopic(viewer, topicId);
    throw new Problem(
      HttpStatus.CONFLICT,
      'topic-locked',
      'Sujet verrouillé',
      'Ce sujet est verrouillé : on ne peut plus y répondre.',
    );
  }

  /** The author or a moderator edits; the earlier text becomes a revision. New mentions notify. */
  async edit(viewer: Viewer, topicId: string, number: number, body: string): Promise<Post> {
    await this.topics.visibleTopic(viewer, topicId);
    const post = await this.editablePost(viewer, topicId, number);
    if (post.markdown === body) return this.get(viewer, topicId, number);
    const rendered = renderMarkdown(body, await this.topics.mentionable(body));
    await this.dataSource.transaction(async (manager) => {
      await manager
        .getRepository(PostRevisionEntity)
        .insert({ id: newId(), postId: post.id, markdown: post.markdown, editedBy: viewer.id });
      await manager
        .getRepository(PostEntity)
        .update({ id: post.id }, { markdown: body, html: rendered.html, editedAt: new Date() });
      await this.outbox.enqueue(manager, POST_NOTIFY, {
        postId: post.id,
        mentionsOnly: true,
      } satisfies PostNotifyPayload);
      await this.searchSync.post(manager, post);
    });
    this.outbox.notifyCommitted();
    this.realtime.emit(`topic:${topicId}`, 'post:updated', { topicId, postId: post.id, number });
    return this.get(viewer, topicId, number);
  }

  /** Soft delete by the author or a moderator; deleting the first post deletes the topic. */
  async delete(viewer: Viewer, topicId: string, number: number): Promise<void> {
    const topic = await this.topics.visibleTopic(viewer, topicId);
    const post = await this.editablePost(viewer, topicId, number);
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(PostEntity).update({ id: post.id }, { deletedAt: new Date(), deletedBy: viewer.id });
      await manager.query('UPDATE topics SET post_count = post_count - 1 WHERE id = $1', [topicId]);
      if (number === 1) await this.topics.softDelete(manager, topic);
      else await this.searchSync.post(manager, post);
    });
    this.outbox.notifyCommitted();
    this.realtime.emit(`topic:${topicId}`, 'post:deleted', { topicId, postId: post.id, number });
    this.realtime.emit(`space:${topic.spaceId}`, 'topic:updated', {
      topicId,
      spaceId: topic.spaceId,
      lastPostNumber: topic.lastPostNumber,
      postCount: topic.postCount - 1,
    });
  }

  async revisions(viewer: Viewer, topicId: string, number: number): Promise<PostRevisionList> {
    await this.topics.visibleTopic(viewer, topicId);
    const rows: {
      markdown: string;
      editedBy: string | null;
      name: string | null;
      handle: string | null;
      createdAt: Date;
    }[] = await this.dataSource.query(
      `SELECT r.markdown, r.edited_by AS "editedBy", u.display_name AS name, u.handle, r.created_at AS "createdAt"
         FROM post_revisions r JOIN posts p ON p.id = r.post_id LEFT JOIN users u ON u.id = r.edited_by
         WHERE p.topic_id = $1 AND p.number = $2 ORDER BY r.created_at`,
      [topicId, number],
    );
    return {
      items: rows.map((row, index) => ({
        number: index + 1,
        markdown: row.markdown,
        editedBy: personRef(row.editedBy, row.name, row.handle),
        createdAt: row.createdAt.toISOString(),
      })),
    };
  }

  async like(viewer: Viewer, topicId: string, number: number, liked: boolean): Promise<void> {
    await this.topics.visibleTopic(viewer, topicId);
    const post = await this.dataSource.getRepository(PostEntity).findOneBy({ topicId, number });
    if (!post || post.deletedAt) throw notFound('Ce message n’existe pas.');
    if (post.authorId === viewer.id) throw forbidden('On ne peut pas aimer son propre message.');
    await this.dataSource.transaction(async (manager) => {
      const changed: unknown[] = liked
        ? await manager.query(
            'INSERT INTO post_likes (post_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING post_id',
            [post.id, viewer.id],
          )
        : (
            await manager.query('DELETE FROM post_likes WHERE post_id = $1 AND user_id = $2 RETURNING post_id', [
              post.id,
              viewer.id,
            ])
          )[0];
      if (changed.length === 0) return;
      const delta = liked ? 1 : -1;
      await manager.query('UPDATE posts SET like_count = like_count + $2 WHERE id = $1', [post.id, delta]);
      await manager.query('UPDATE topics SET like_count = like_count + $2 WHERE id = $1', [topicId, delta]);
    });
    this.realtime.emit(`topic:${topicId}`, 'post:updated', { topicId, postId: post.id, number });
  }

  private async editablePost(viewer: Viewer, topicId: string, number: number): Promise<PostEntity> {
    const post = await this.dataSource.getRepository(PostEntity).findOneBy({ topicId, number });
    if (!post || post.deletedAt) throw notFound('Ce message n’existe pas.');
    if (post.authorId !== viewer.id && !isStaff(viewer))
      throw forbidden('Seuls l’auteur et les modérateurs peuvent modifier ce message.');
    return post;
  }
}
