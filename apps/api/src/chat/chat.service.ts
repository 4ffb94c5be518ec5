import { createHash } from 'node:crypto';

import {
  type Channel,
  type ChannelList,
  type CreateChannelRequest,
  Id,
  type Message,
  MESSAGE_REACTIONS,
  type MessageHistoryQuery,
  type MessagePage,
  type MessageReaction,
  type ReactToMessageRequest,
  type SendAnswer,
  SendMessageRequest,
} from '@maillage/contracts';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';

import { conflict, forbidden, invalid, notFound, Problem } from '../common/http/problems';
import { mentionCandidates, renderMarkdown } from '../common/markdown/markdown';
import { AppConfig } from '../config/app-config';
import { isUniqueViolation } from '../database/errors';
import { newId } from '../database/ids';
import { PreparedStatements } from '../database/prepared-statements';
import { IdentityService } from '../identity/identity.service';
import { personRef } from '../identity/person-ref';
import { isStaff, type Viewer } from '../identity/viewer';
import { OutboxService } from '../outbox/outbox.service';
import { RealtimeService } from '../realtime/realtime.service';
import { SEARCH_INDEX, type SearchSyncPayload } from '../search/search-events';
import { AccessPolicy } from '../spaces/access-policy';
import { MESSAGE_NOTIFY, MessageNotifier, type MessageNotifyPayload } from './message-notifier';

/**
 * New messages reach search at the end of the current window of this many seconds, all of the window's messages in one
 * indexing batch: a busy channel costs Meilisearch a batch every ten seconds rather than one a second. Each batch ends
 * in a disk flush that PostgreSQL's commits then wait behind on a shared disk: measured in bench/chat, sends stalled
 * 50 to 150 ms at every batch. A message is searchable five seconds after it is sent on average, ten at most.
 */
const SEARCH_WINDOW_SECONDS = 10;

/** Moves a member's read mark forward in a channel (never back). `$1` channel, `$2` member, `$3` number. */
const READ_MARK_SQL = `INSERT INTO channel_reads (channel_id, user_id, last_read_seq) VALUES ($1, $2, $3)
  ON CONFLICT (channel_id, user_id) DO UPDATE SET last_read_seq = greatest(channel_reads.last_read_seq, $3)`;

/** The window of the per-member send limit (CHAT_SEND_LIMIT messages in it). */
const RATE_WINDOW_SECONDS = 10;

/** Every space has this channel, made with the space. */
export const GENERAL_CHANNEL = 'général';

type HistoryInput = z.output<typeof MessageHistoryQuery>;

/** A send over the socket names its channel in the payload. Built once: an extended schema costs ~80 µs to make. */
const SocketSendRequest = SendMessageRequest.extend({ channelId: Id });

/** `$1` is the viewer. A direct conversation is named after the others in it, as they are now called. */
const CHANNEL_SQL = `SELECT c.id, c.space_id AS "spaceId",
    CASE WHEN s.kind = 'direct' THEN coalesce(
      (SELECT string_agg(u.display_name, ', ' ORDER BY u.display_name) FROM space_members sm
       JOIN users u ON u.id = sm.user_id WHERE sm.space_id = s.id AND sm.user_id <> $1), s.name)
    ELSE s.name END AS "spaceName",
    c.name, s.kind = 'direct' AS direct,
    c.last_seq AS "lastSeq",
    coalesce(r.last_read_seq, 0) AS "lastReadSeq",
    greatest(c.last_seq - coalesce(r.last_read_seq, 0), 0) AS "unreadCount", c.created_at AS "createdAt"
  FROM channels c JOIN spaces s ON s.id = c.space_id
  LEFT JOIN channel_reads r ON r.channel_id = c.id AND r.user_id = $1`;

const MESSAGE_SQL = `SELECT m.id, m.channel_id AS "channelId", m.seq, m.client_id AS "clientId", m.author_id AS "authorId",
    u.display_name AS "authorName", u.handle AS "authorHandle", m.markdown, m.html, m.parent_seq AS "parentSeq",
    m.created_at AS "createdAt", m.edited_at AS "editedAt", m.deleted_at AS "deletedAt",
    (SELECT coalesce(json_agg(json_build_object('emoji', r.emoji, 'userIds', r.ids)), '[]'::json)
       FROM (SELECT emoji, array_agg(user_id ORDER BY created_at) AS ids FROM message_reactions
             WHERE message_id = m.id GROUP BY emoji) r) AS reactions
  FROM messages m LEFT JOIN users u ON u.id = m.author_id`;

/** What the send statement answers: its checks, and the message when they passed. */
type SendOutcome = { visible: boolean; sentBefore: boolean; parentFound: boolean; recent: number } & (
  MessageRow | { [key in keyof MessageRow]: null }
);

/** Channels whose kind a process remembers (a bound, not a working set: clearing it costs one query per channel). */
const DIRECT_CACHE_SIZE = 10_000;

interface ChannelRow extends Omit<Channel, 'createdAt'> {
  createdAt: Date;
}

interface MessageRow {
  id: string;
  channelId: string;
  seq: number;
  clientId: string;
  authorId: string | null;
  authorName: string | null;
  authorHandle: string | null;
  markdown: string;
  html: string;
  parentSeq: number | null;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  reactions: { emoji: MessageReaction; userIds: string[] }[];
}

const presentChannel = (row: ChannelRow): Channel => ({ ...row, createdAt: row.createdAt.toISOString() });

/** A deleted message keeps its place and its number; its text is gone from what members read. */
const presentMessage = (row: MessageRow): Message => ({
  id: row.id,
  channelId: row.channelId,
  seq: row.seq,
  clientId: row.clientId,
  author: personRef(row.authorId, row.authorName, row.authorHandle),
  html: row.deletedAt ? '' : row.html,
  markdown: row.deletedAt ? '' : row.markdown,
  parentSeq: row.parentSeq,
  createdAt: row.createdAt.toISOString(),
  editedAt: row.editedAt?.toISOString() ?? null,
  deleted: row.deletedAt !== null,
  reactions: row.deletedAt
    ? []
    : row.reactions.sort((a, b) => MESSAGE_REACTIONS.indexOf(a.emoji) - MESSAGE_REACTIONS.indexOf(b.emoji)),
});

/**
 * Channels and their messages. A message is numbered under its channel's row lock, so numbers have no gap and no
 * duplicate; a client's id makes a resend harmless; every read goes through the access policy on the channel's space,
 * and each change goes out to the `channel:<id>` room after it commits.
 */
@Injectable()
export class ChatService {
  private readonly directChannels = new Map<string, boolean>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly prepared: PreparedStatements,
    private readonly realtime: RealtimeService,
    private readonly identity: IdentityService,
    private readonly outbox: OutboxService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async listAll(viewer: Viewer): Promise<ChannelList> {
    const rows = await this.prepared.rows<ChannelRow>(
      `${CHANNEL_SQL} WHERE ${this.access.spaceConditionSql(viewer, 'c.space_id', '$1')}
         -- Others' direct conversations stay out of the list, even an administrator's.
         AND (s.kind <> 'direct' OR EXISTS (SELECT 1 FROM space_members m WHERE m.space_id = c.space_id AND m.user_id = $1))
       ORDER BY s.kind = 'direct', s.name, c.name <> '${GENERAL_CHANNEL}', c.name`,
      [viewer.id],
    );
    return { items: rows.map(presentChannel) };
  }

  async listInSpace(viewer: Viewer, spaceId: string): Promise<ChannelList> {
    await this.access.assertCanSeeSpace(viewer, spaceId);
    const rows = await this.prepared.rows<ChannelRow>(
      `${CHANNEL_SQL} WHERE c.space_id = $2 ORDER BY c.name <> '${GENERAL_CHANNEL}', c.name`,
      [viewer.id, spaceId],
    );
    return { items: rows.map(presentChannel) };
  }

  /**
   * The direct conversation of these members: a private space holding them alone, with its one channel. The same
   * members find the same conversation (its short name is derived from them), whoever opens it and however often.
   */
  async openDirect(viewer: Viewer, userIds: string[]): Promise<Channel> {
    const members = [...new Set([viewer.id, ...userIds])].sort();
    if (members.length < 2) throw invalid('body.userIds', 'Nommez au moins une autre personne');
    const people: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT id, display_name AS name FROM users WHERE id = ANY($1) AND status = 'active' ORDER BY display_name`,
      [members],
    );
    if (people.length !== members.length)
      throw invalid('body.userIds', 'Un de ces membres n’existe pas ou n’est plus actif');
    const slug = `direct-${createHash('sha256').update(members.join(',')).digest('hex').slice(0, 40)}`;
    await this.dataSource.transaction(async (manager) => {
      const spaceId = newId();
      const [created] = await manager.query(
        `INSERT INTO spaces (id, slug, name, description, visibility, kind) VALUES ($1, $2, $3, '', 'private', 'direct')
         ON CONFLICT (slug) DO NOTHING RETURNING id`,
        [
          spaceId,
          slug,
          people
            .map((person) => person.name)
            .join(', ')
            .slice(0, 120),
        ],
      );
      if (!created) return;
      await manager.query('INSERT INTO space_members (space_id, user_id, added_by) SELECT $1, unnest($2::uuid[]), $3', [
        spaceId,
        members,
        viewer.id,
      ]);
      await manager.query('INSERT INTO channels (id, space_id, name, created_by) VALUES ($1, $2, $3, $4)', [
        newId(),
        spaceId,
        GENERAL_CHANNEL,
        viewer.id,
      ]);
    });
    const [row] = await this.prepared.rows<ChannelRow>(`${CHANNEL_SQL} WHERE s.slug = $2`, [viewer.id, slug]);
    return presentChannel(row!);
  }

  async create(viewer: Viewer, spaceId: string, request: CreateChannelRequest): Promise<Channel> {
    // The space as the viewer may see it, in one read: unseen, 404; a direct conversation, its one channel already.
    const [space] = await this.prepared.rows<{ direct: boolean }>(
      `SELECT s.kind = 'direct' AS direct FROM spaces s
       WHERE s.id = $1 AND ${this.access.spaceConditionSql(viewer, 's.id', '$2')}`,
      [spaceId, viewer.id],
    );
    if (!space) throw notFound();
    if (space.direct)
      throw invalid('params.id', 'Une conversation directe n’a qu’un canal : ouvrez une autre conversation');
    const id = newId();
    const [inserted] = await this.dataSource.query(
      `INSERT INTO channels (id, space_id, name, created_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (space_id, name) DO NOTHING RETURNING id`,
      [id, spaceId, request.name.toLowerCase(), viewer.id],
    );
    if (!inserted) {
      throw conflict('Ce canal existe déjà dans cet espace.', [{ path: 'body.name', message: 'Nom déjà pris' }]);
    }
    return this.channel(viewer, id);
  }

  async channel(viewer: Viewer, channelId: string): Promise<Channel> {
    const [row] = await this.prepared.rows<ChannelRow>(
      `${CHANNEL_SQL} WHERE c.id = $2 AND ${this.access.spaceConditionSql(viewer, 'c.space_id', '$1')}`,
      [viewer.id, channelId],
    );
    if (!row) throw notFound();
    return presentChannel(row);
  }

  canSeeChannel(viewer: Viewer, channelId: string): Promise<boolean> {
    return this.channel(viewer, channelId).then(
      () => true,
      () => false,
    );
  }

  /** The latest messages or those before `before` (newest first), or those after `after` (oldest first). */
  async history(viewer: Viewer, channelId: string, query: HistoryInput): Promise<MessagePage> {
    if (query.before !== undefined && query.after !== undefined) {
      throw invalid('query.after', 'Donnez `before` ou `after`, pas les deux');
    }
    await this.channel(viewer, channelId);
    if (query.after !== undefined) {
      const rows = await this.prepared.rows<MessageRow>(
        `${MESSAGE_SQL} WHERE m.channel_id = $1 AND m.seq > $2 ORDER BY m.seq LIMIT ${query.limit}`,
        [channelId, query.after],
      );
      return { items: rows.map(presentMessage), nextBefore: null };
    }
    const rows = await this.prepared.rows<MessageRow>(
      `${MESSAGE_SQL} WHERE m.channel_id = $1 AND ($2::int IS NULL OR m.seq < $2)
       ORDER BY m.seq DESC LIMIT ${query.limit + 1}`,
      [channelId, query.before ?? null],
    );
    const page = rows.slice(0, query.limit);
    return {
      items: page.map(presentMessage),
      nextBefore: rows.length > query.limit ? (page.at(-1)?.seq ?? null) : null,
    };
  }

  /**
   * Sends a message, or returns the one this client id already sent (a resend after a timeout). Others receive it as
   * soon as it is written; the sender's answer waits until it is on disk (see `readOwn`).
   */
  async send(viewer: Viewer, channelId: string, request: SendMessageRequest): Promise<Message> {
    const message = await this.write(viewer, channelId, request);
    await this.readOwn(viewer, message);
    return message;
  }

  /**
   * Writes a new message and tells the channel of it, or finds the one this client id already sent. The channel's
   * other messages of this turn wait for it (RealtimeService.holdCoalesced).
   */
  private async write(viewer: Viewer, channelId: string, request: SendMessageRequest): Promise<Message> {
    const release = this.realtime.holdCoalesced();
    try {
      return await this.writeAndAnnounce(viewer, channelId, request);
    } finally {
      release();
    }
  }

  private async writeAndAnnounce(viewer: Viewer, channelId: string, request: SendMessageRequest): Promise<Message> {
    const [html, direct] = await Promise.all([this.render(request.body), this.isDirect(channelId)]);
    const notifies = MessageNotifier.concerns(request.body, direct);
    const parameters = [
      channelId,
      newId(),
      request.clientId,
      viewer.id,
      request.body,
      html,
      request.parentSeq ?? null,
      RATE_WINDOW_SECONDS,
      this.config.chatSendLimit,
      newId(),
    ];
    let outcome: SendOutcome;
    try {
      outcome = notifies
        ? await this.dataSource.transaction(async (manager) => {
            const [row]: SendOutcome[] = await manager.query(this.sendSql(viewer), parameters);
            if (row!.id) {
              await this.outbox.enqueue(manager, MESSAGE_NOTIFY, {
                messageId: row!.id,
                mentionsOnly: false,
              } satisfies MessageNotifyPayload);
            }
            return row!;
          })
        : (await this.prepared.rows<SendOutcome>(this.sendSql(viewer), parameters))[0]!;
    } catch (error) {
      // A resend racing its first send: the first one stands, and its number was not spent.
      if (isUniqueViolation(error, 'UQ_messages_author_client'))
        return this.resent(viewer, channelId, request.clientId);
      throw error;
    }
    if (!outcome.visible) throw notFound();
    if (outcome.sentBefore) return this.resent(viewer, channelId, request.clientId);
    if (!outcome.parentFound) throw invalid('body.parentSeq', 'Ce message n’existe pas dans ce canal');
    if (outcome.recent >= this.config.chatSendLimit) throw this.rateLimited();
    if (notifies) this.outbox.notifyCommitted();
    const message = presentMessage(outcome as MessageRow);
    this.realtime.emitCoalesced(`channel:${channelId}`, 'messages:created', message);
    return message;
  }

  /**
   * Checks and writes a message in one statement — a busy process waits a whole turn for each round trip, and a
   * channel's row stays locked only while PostgreSQL runs the statement: that the viewer may see the channel, that
   * this client id was not sent before, that the message answered exists, the rate limit (CHAT_SEND_LIMIT in 10
   * seconds, counted in the database so that every process agrees); then the number and the row. The state comes
   * back with the message, or alone when a check failed. A client id already used by a racing resend makes the whole
   * statement fail, number included. The message's search document is queued in the outbox by the same statement
   * (SEARCH_INDEX, as OutboxService.enqueue writes it), due at the end of the current search window
   * (SEARCH_WINDOW_SECONDS): the worker then indexes a busy channel's messages together (bench/chat).
   *
   * The statement commits asynchronously (`synchronous_commit` off for its transaction): its commit does not wait for
   * the disk, which on a shared disk waits behind Meilisearch's flushes (50 to 150 ms at each indexing batch, measured
   * in bench/chat), so the channel hears of the message at once. The sender is answered only after `readOwn`, whose
   * synchronous commit flushes the log up to and past this one: an acknowledged message is on disk.
   */
  private sendSql(viewer: Viewer): string {
    return `WITH state AS (
        SELECT EXISTS (SELECT 1 FROM channels c WHERE c.id = $1 AND ${this.access.spaceConditionSql(viewer, 'c.space_id', '$4')}) AS visible,
          EXISTS (SELECT 1 FROM messages WHERE author_id = $4 AND client_id = $3) AS "sentBefore",
          ($7::int IS NULL OR EXISTS (SELECT 1 FROM messages WHERE channel_id = $1 AND seq = $7)) AS "parentFound",
          (SELECT count(*)::int FROM messages
           WHERE author_id = $4 AND created_at > now() - make_interval(secs => $8)) AS recent
        FROM (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit),
      numbered AS (
        UPDATE channels SET last_seq = last_seq + 1
        WHERE id = $1 AND (SELECT visible AND NOT "sentBefore" AND "parentFound" AND recent < $9 FROM state)
        RETURNING last_seq),
      inserted AS (
        INSERT INTO messages (id, channel_id, seq, client_id, author_id, markdown, html, parent_seq)
        SELECT $2, $1, last_seq, $3, $4, $5, $6, $7 FROM numbered
        RETURNING *),
      indexed AS (
        INSERT INTO outbox_events (id, kind, payload, available_at)
        SELECT $10, '${SEARCH_INDEX}', jsonb_build_object('type', 'message', 'id', id),
               date_bin(make_interval(secs => ${SEARCH_WINDOW_SECONDS}), now(), 'epoch')
                 + make_interval(secs => ${SEARCH_WINDOW_SECONDS}) FROM inserted)
      SELECT state.*, m.id, m.channel_id AS "channelId", m.seq, m.client_id AS "clientId", m.author_id AS "authorId",
        u.display_name AS "authorName", u.handle AS "authorHandle", m.markdown, m.html, m.parent_seq AS "parentSeq",
        m.created_at AS "createdAt", m.edited_at AS "editedAt", m.deleted_at AS "deletedAt", '[]'::json AS reactions
      FROM state LEFT JOIN inserted m ON true LEFT JOIN users u ON u.id = m.author_id`;
  }

  /** Whether a channel is a direct conversation: a space never changes kind, so each process asks once. */
  private async isDirect(channelId: string): Promise<boolean> {
    const known = this.directChannels.get(channelId);
    if (known !== undefined) return known;
    const [row] = await this.dataSource.query(
      `SELECT s.kind = 'direct' AS direct FROM channels c JOIN spaces s ON s.id = c.space_id WHERE c.id = $1`,
      [channelId],
    );
    // An unknown channel is not remembered: the send answers 404 and a later channel may take no such id anyway.
    if (row) {
      if (this.directChannels.size >= DIRECT_CACHE_SIZE) this.directChannels.clear();
      this.directChannels.set(channelId, row.direct);
    }
    return row?.direct ?? false;
  }

  /** The socket's way to send: the same checks, answered in the acknowledgement instead of an HTTP status. */
  async sendFromSocket(viewer: Viewer, request: unknown): Promise<SendAnswer> {
    const parsed = SocketSendRequest.safeParse(request);
    if (!parsed.success) {
      return { ok: false, error: 'invalid', detail: parsed.error.issues.map((issue) => issue.message).join('; ') };
    }
    const { channelId, ...message } = parsed.data;
    try {
      return { ok: true, message: await this.send(viewer, channelId, message) };
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      const status = error.getStatus();
      const kind =
        status === 404 ? 'not-found' : status === 429 ? 'rate-limited' : status < 500 ? 'invalid' : 'unavailable';
      return { ok: false, error: kind, detail: error.detail ?? error.title };
    }
  }

  async edit(viewer: Viewer, channelId: string, seq: number, body: string): Promise<Message> {
    const message = await this.ownMessage(viewer, channelId, seq, false);
    const html = await this.render(body);
    await this.dataSource.transaction(async (manager) => {
      await manager.query('UPDATE messages SET markdown = $2, html = $3, edited_at = now() WHERE id = $1', [
        message.id,
        body,
        html,
      ]);
      await this.indexLater(manager, message.id);
      if (MessageNotifier.concerns(body, false)) {
        await this.outbox.enqueue(manager, MESSAGE_NOTIFY, {
          messageId: message.id,
          mentionsOnly: true,
        } satisfies MessageNotifyPayload);
      }
    });
    this.outbox.notifyCommitted();
    return this.announceChange(channelId, seq);
  }

  async remove(viewer: Viewer, channelId: string, seq: number): Promise<void> {
    const message = await this.ownMessage(viewer, channelId, seq, true);
    if (message.deletedAt) return;
    await this.dataSource.transaction(async (manager) => {
      await manager.query('UPDATE messages SET deleted_at = now() WHERE id = $1', [message.id]);
      await this.indexLater(manager, message.id);
    });
    this.outbox.notifyCommitted();
    await this.announceChange(channelId, seq);
  }

  /** Gives or takes back the viewer's reaction; either is idempotent. */
  async react(viewer: Viewer, channelId: string, seq: number, request: ReactToMessageRequest): Promise<Message> {
    await this.channel(viewer, channelId);
    const message = await this.message(channelId, seq);
    if (!message) throw notFound();
    if (message.deleted) throw conflict('Ce message est supprimé.');
    if (request.reacted) {
      await this.dataSource.query(
        'INSERT INTO message_reactions (message_id, user_id, emoji) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [message.id, viewer.id, request.emoji],
      );
    } else {
      await this.dataSource.query(
        'DELETE FROM message_reactions WHERE message_id = $1 AND user_id = $2 AND emoji = $3',
        [message.id, viewer.id, request.emoji],
      );
    }
    return this.announceChange(channelId, seq);
  }

  private indexLater(manager: EntityManager, messageId: string): Promise<string> {
    return this.outbox.enqueue(manager, SEARCH_INDEX, { type: 'message', id: messageId } satisfies SearchSyncPayload);
  }

  /** The message as it now is, told to everyone in its channel. */
  private async announceChange(channelId: string, seq: number): Promise<Message> {
    const message = (await this.message(channelId, seq))!;
    this.realtime.emit(`channel:${channelId}`, 'message:updated', message);
    return message;
  }

  /** Markdown to sanitized HTML, `@handle` of an existing member linked to their profile. */
  private async render(body: string): Promise<string> {
    const users = await this.identity.findByHandles(mentionCandidates(body));
    return renderMarkdown(body, new Map(users.map((user) => [user.handle, user.displayName]))).html;
  }

  async markRead(viewer: Viewer, channelId: string, lastReadSeq: number): Promise<void> {
    const channel = await this.channel(viewer, channelId);
    await this.prepared.rows(READ_MARK_SQL, [channelId, viewer.id, Math.min(lastReadSeq, channel.lastSeq)]);
  }

  /**
   * A sender has read their own message: their read mark moves to it. This write commits synchronously, and a commit
   * flushes the whole log up to its own record, so the message's asynchronous commit (see `sendSql`), written before,
   * reaches the disk with it. The upsert always writes a row version, so there is always a record to flush.
   */
  private async readOwn(viewer: Viewer, message: Message): Promise<void> {
    await this.prepared.rows(READ_MARK_SQL, [message.channelId, viewer.id, message.seq]);
  }

  /** A new space's "général" channel, in the space's own transaction. */
  async createGeneral(manager: EntityManager, spaceId: string): Promise<void> {
    await manager.query('INSERT INTO channels (id, space_id, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      newId(),
      spaceId,
      GENERAL_CHANNEL,
    ]);
  }

  /**
   * Gives "général" to the spaces made without the chat module loaded (the administration tool seeds the structure
   * too) or before it existed; run once at start.
   */
  async createMissingGeneral(): Promise<void> {
    const missing: { id: string }[] = await this.dataSource.query(
      `SELECT s.id FROM spaces s WHERE s.kind <> 'direct'
         AND NOT EXISTS (SELECT 1 FROM channels c WHERE c.space_id = s.id AND c.name = $1)`,
      [GENERAL_CHANNEL],
    );
    if (missing.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO channels (id, space_id, name) SELECT unnest($1::uuid[]), unnest($2::uuid[]), $3
       ON CONFLICT (space_id, name) DO NOTHING`,
      [missing.map(() => newId()), missing.map((space) => space.id), GENERAL_CHANNEL],
    );
  }

  private rateLimited(): Problem {
    return new Problem(
      HttpStatus.TOO_MANY_REQUESTS,
      'rate-limited',
      'Trop de messages',
      `Vous avez envoyé ${this.config.chatSendLimit} messages en ${RATE_WINDOW_SECONDS} secondes : attendez un instant.`,
      undefined,
      { 'Retry-After': String(RATE_WINDOW_SECONDS) },
    );
  }

  /** The message this client id already sent, which a resend answers with (if it was for this channel). */
  private async resent(viewer: Viewer, channelId: string, clientId: string): Promise<Message> {
    const existing = (await this.byClientId(viewer, clientId))!;
    if (existing.channelId !== channelId) throw conflict('Cet identifiant de message sert déjà ailleurs.');
    return existing;
  }

  private async messageRow(channelId: string, seq: number): Promise<MessageRow | undefined> {
    const [row] = await this.prepared.rows<MessageRow>(`${MESSAGE_SQL} WHERE m.channel_id = $1 AND m.seq = $2`, [
      channelId,
      seq,
    ]);
    return row;
  }

  private async message(channelId: string, seq: number): Promise<Message | undefined> {
    const row = await this.messageRow(channelId, seq);
    return row && presentMessage(row);
  }

  private async byClientId(viewer: Viewer, clientId: string): Promise<Message | undefined> {
    const [row] = await this.prepared.rows<MessageRow>(`${MESSAGE_SQL} WHERE m.author_id = $1 AND m.client_id = $2`, [
      viewer.id,
      clientId,
    ]);
    return row && presentMessage(row);
  }

  /** The message if the viewer may see it (else 404) and change it: its author, or staff when deleting. */
  private async ownMessage(viewer: Viewer, channelId: string, seq: number, deleting: boolean): Promise<MessageRow> {
    await this.channel(viewer, channelId);
    const row = await this.messageRow(channelId, seq);
    if (!row) throw notFound();
    if (row.authorId !== viewer.id && !(deleting && isStaff(viewer))) {
      throw forbidden('Seul l’auteur modifie son message.');
    }
    if (!deleting && row.deletedAt) throw conflict('Ce message est supprimé.');
    return row;
  }
}
