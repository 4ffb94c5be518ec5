import type { NotificationKind, NotificationPage, UnsubscribeTarget } from '@maillage/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { decodeCursor, encodeCursor } from '../common/http/cursor';
import { AppConfig } from '../config/app-config';
import { newId } from '../database/ids';
import { personRef } from '../identity/person-ref';
import type { Viewer } from '../identity/viewer';
import { MailService } from '../mail/mail.service';
import { OutboxService } from '../outbox/outbox.service';
import { RealtimeService } from '../realtime/realtime.service';
import { AccessPolicy } from '../spaces/access-policy';
import { notificationMail } from './notification-mail';
import { NotificationPreferencesService } from './notification-preferences';
import { UnsubscribeTokens } from './unsubscribe-tokens';

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
}

export interface NotificationSubject {
  actorId: string | null;
  /** The space of what it is about (the access policy filters on it); null for what concerns no space. */
  spaceId: string | null;
  topicId: string | null;
  postNumber: number | null;
  subject: string;
  url?: string;
  /** One notification per recipient per key (a post's id): a retried fan-out adds nothing. */
  dedupKey: string;
}

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  actorId: string | null;
  actorName: string | null;
  actorHandle: string | null;
  topicId: string | null;
  postNumber: number | null;
  subject: string;
  url: string | null;
  createdAt: Date;
  readAt: Date | null;
}

/** In-app notifications: stored, listed through the access policy, counted, marked read, pushed to `user:<id>`. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly realtime: RealtimeService,
    private readonly preferences: NotificationPreferencesService,
    private readonly mail: MailService,
    private readonly outbox: OutboxService,
    private readonly tokens: UnsubscribeTokens,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /**
   * Writes one notification per recipient (once per dedup key) as each chose for its kind — nothing for "off" — and,
   * for "email", queues the mail in the same transaction, so that a retried fan-out neither repeats a notification
   * nor its mail. Then pushes each new one live.
   */
  async notify(recipients: NewNotification[], about: NotificationSubject): Promise<number> {
    const wanted = (await this.preferences.deliveries(recipients)).filter((entry) => entry.delivery !== 'off');
    if (wanted.length === 0) return 0;
    let mailed = false;
    const rows = await this.dataSource.transaction(async (manager) => {
      const inserted: { id: string; user_id: string; kind: NotificationKind }[] = await manager.query(
        `INSERT INTO notifications (id, user_id, kind, actor_id, space_id, topic_id, post_number, subject, dedup_key, url)
         SELECT unnest($1::uuid[]), unnest($2::uuid[]), unnest($3::text[]), $4, $5, $6, $7, $8, $9, $10
         ON CONFLICT (user_id, dedup_key) DO NOTHING
         RETURNING id, user_id, kind`,
        [
          wanted.map(() => newId()),
          wanted.map((recipient) => recipient.userId),
          wanted.map((recipient) => recipient.kind),
          about.actorId,
          about.spaceId,
          about.topicId,
          about.postNumber,
          about.subject,
          about.dedupKey,
          about.url ?? null,
        ],
      );
      const emailed = new Set(
        wanted.filter((entry) => entry.delivery === 'email').map((entry) => `${entry.userId} ${entry.kind}`),
      );
      const toMail = inserted.filter((row) => emailed.has(`${row.user_id} ${row.kind}`));
      if (toMail.length > 0) {
        await this.mailEach(manager, toMail, about);
        mailed = true;
      }
      return inserted;
    });
    if (mailed) this.outbox.notifyCommitted();
    const counts = await this.unreadCounts(rows.map((row) => row.user_id));
    for (const row of rows) {
      this.realtime.emit(`user:${row.user_id}`, 'notification:created', {
        id: row.id,
        unreadCount: counts.get(row.user_id) ?? 0,
      });
    }
    return rows.length;
  }

  private async mailEach(
    manager: EntityManager,
    rows: { user_id: string; kind: NotificationKind }[],
    about: NotificationSubject,
  ): Promise<void> {
    const people: { id: string; email: string }[] = await manager.query(
      `SELECT id, email FROM users WHERE id = ANY($1) AND status = 'active'`,
      [rows.map((row) => row.user_id)],
    );
    const emails = new Map(people.map((person) => [person.id, person.email]));
    const [actor] = about.actorId
      ? await manager.query('SELECT display_name AS name FROM users WHERE id = $1', [about.actorId])
      : [];
    for (const row of rows) {
      const to = emails.get(row.user_id);
      if (!to) continue;
      await this.mail.queue(
        manager,
        notificationMail(
          to,
          { kind: row.kind, subject: about.subject, actorName: actor?.name ?? null, link: this.linkTo(about) },
          this.unsubscribeLinks(row.user_id, row.kind),
        ),
      );
    }
  }

  /** Where a notification leads, as an absolute address for mail. */
  linkTo(about: { url?: string | null; topicId: string | null; postNumber: number | null }): string {
    const path =
      about.url ?? (about.topicId ? `/sujets/${about.topicId}?depuis=${about.postNumber ?? 1}` : '/notifications');
    return `${this.config.publicUrl}${path}`;
  }

  unsubscribeLinks(userId: string, target: UnsubscribeTarget): { pageUrl: string; oneClickUrl: string } {
    const token = this.tokens.issue(userId, target);
    return {
      pageUrl: `${this.config.publicUrl}/desabonnement/${token}`,
      oneClickUrl: `${this.config.publicUrl}/api/v1/unsubscribe/${token}`,
    };
  }

  /**
   * Unread counts for several recipients in one query, for the live push. It counts what each may see as a member
   * (an administrator's count may leave out private spaces they are not in, until they open the list).
   */
  private async unreadCounts(userIds: string[]): Promise<Map<string, number>> {
    const rows: { userId: string; count: number }[] = await this.dataSource.query(
      `SELECT n.user_id AS "userId", count(*)::int AS count FROM notifications n
       WHERE n.user_id = ANY($1) AND n.read_at IS NULL
         AND (n.space_id IS NULL OR ${this.access.memberSpaceConditionSql('n.user_id', 'n.space_id')})
       GROUP BY n.user_id`,
      [userIds],
    );
    return new Map(rows.map((row) => [row.userId, row.count]));
  }

  async unreadCount(viewer: Viewer): Promise<number> {
    const visible = this.access.spaceCondition(viewer, 'n.space_id');
    const [row] = await this.dataSource
      .createQueryBuilder()
      .select('count(*)::int', 'count')
      .from('notifications', 'n')
      .where('n.user_id = :viewerId AND n.read_at IS NULL', { viewerId: viewer.id })
      .andWhere(`(n.space_id IS NULL OR ${visible.sql})`, visible.params)
      .getRawMany<{ count: number }>();
    return row?.count ?? 0;
  }

  async list(
    viewer: Viewer,
    query: { unread?: 'true' | 'false'; limit: number; cursor?: string },
  ): Promise<NotificationPage> {
    const visible = this.access.spaceCondition(viewer, 'n.space_id');
    const builder = this.dataSource
      .createQueryBuilder()
      .select([
        'n.id AS id',
        'n.kind AS kind',
        'n.actor_id AS "actorId"',
        'u.display_name AS "actorName"',
        'u.handle AS "actorHandle"',
        'n.topic_id AS "topicId"',
        'n.post_number AS "postNumber"',
        'n.subject AS subject',
        'n.url AS url',
        'n.created_at AS "createdAt"',
        'n.read_at AS "readAt"',
      ])
      .from('notifications', 'n')
      .leftJoin('users', 'u', 'u.id = n.actor_id')
      .where('n.user_id = :viewerId', { viewerId: viewer.id })
      .andWhere(`(n.space_id IS NULL OR ${visible.sql})`, visible.params)
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(query.limit + 1);
    if (query.unread === 'true') builder.andWhere('n.read_at IS NULL');
    if (query.cursor) {
      const [createdAt, id] = decodeCursor<[string, string]>(query.cursor, 2);
      builder.andWhere('(n.created_at, n.id) < (:createdAt, :id)', { createdAt, id });
    }
    const rows = await builder.getRawMany<NotificationRow>();
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => ({
        id: row.id,
        kind: row.kind,
        actor: personRef(row.actorId, row.actorName, row.actorHandle),
        topicId: row.topicId,
        postNumber: row.postNumber,
        subject: row.subject,
        url: row.url,
        createdAt: row.createdAt.toISOString(),
        read: row.readAt !== null,
      })),
      unreadCount: await this.unreadCount(viewer),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    };
  }

  async markRead(viewer: Viewer, ids: string[] | 'all'): Promise<void> {
    if (ids === 'all') {
      await this.dataSource.query('UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL', [
        viewer.id,
      ]);
    } else if (ids.length > 0) {
      await this.dataSource.query(
        'UPDATE notifications SET read_at = now() WHERE user_id = $1 AND id = ANY($2) AND read_at IS NULL',
        [viewer.id, ids],
      );
    }
  }

  /** Reading a topic up to a post settles the notifications about the posts read. */
  async markTopicRead(userId: string, topicId: string, upToNumber: number): Promise<void> {
    await this.dataSource.query(
      'UPDATE notifications SET read_at = now() WHERE user_id = $1 AND topic_id = $2 AND post_number <= $3 AND read_at IS NULL',
      [userId, topicId, upToNumber],
    );
  }
}
