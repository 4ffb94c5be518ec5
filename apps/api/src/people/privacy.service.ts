import { PassThrough, type Readable } from 'node:stream';

import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';

import { AuditLog } from '../audit/audit-log';
import { invalid, Problem } from '../common/http/problems';
import { RsvpService } from '../events/rsvp.service';
import { UserEntity } from '../identity/entities/user.entity';
import { IdentityService } from '../identity/identity.service';
import { SessionsService } from '../identity/sessions.service';
import type { Viewer } from '../identity/viewer';
import { OutboxService } from '../outbox/outbox.service';
import { SEARCH_INDEX, type SearchSyncPayload } from '../search/search-events';
import { FileStorage } from '../storage/file-storage';

/** What a deleted account is called wherever its content stays. */
export const FORMER_MEMBER = 'Ancien membre';

/** Each part of the export: a name in `donnees.json`, and the query of the member's rows (`$1` is the member). */
const EXPORT_QUERIES: Record<string, string> = {
  profile: `SELECT bio, languages, themes, tags, mrc_codes AS "mrcCodes", phone, email_visibility AS "emailVisibility",
      phone_visibility AS "phoneVisibility", updated_at AS "updatedAt" FROM member_profiles WHERE user_id = $1`,
  notificationPreferences: `SELECT kind, delivery FROM notification_preferences WHERE user_id = $1 ORDER BY kind`,
  digestSchedule: `SELECT hour, last_day AS "lastDay" FROM digest_schedules WHERE user_id = $1`,
  sessions: `SELECT created_at AS "createdAt", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt",
      user_agent AS "userAgent" FROM sessions WHERE user_id = $1 ORDER BY created_at`,
  spaces: `SELECT s.name, s.kind, m.added_at AS "addedAt" FROM space_members m JOIN spaces s ON s.id = m.space_id
      WHERE m.user_id = $1 ORDER BY s.name`,
  topics: `SELECT t.id, t.title, t.tags, s.name AS space, t.created_at AS "createdAt", t.deleted_at AS "deletedAt"
      FROM topics t JOIN spaces s ON s.id = t.space_id WHERE t.author_id = $1 ORDER BY t.created_at`,
  posts: `SELECT p.topic_id AS "topicId", t.title AS topic, p.number, p.markdown, p.created_at AS "createdAt",
      p.edited_at AS "editedAt", p.deleted_at AS "deletedAt"
      FROM posts p JOIN topics t ON t.id = p.topic_id WHERE p.author_id = $1 ORDER BY p.created_at`,
  likes: `SELECT post_id AS "postId", created_at AS "createdAt" FROM post_likes WHERE user_id = $1 ORDER BY created_at`,
  flags: `SELECT post_id AS "postId", reason, note, created_at AS "createdAt" FROM post_flags WHERE flagged_by = $1`,
  messages: `SELECT s.name AS space, c.name AS channel, m.seq, m.markdown, m.created_at AS "createdAt",
      m.edited_at AS "editedAt", m.deleted_at AS "deletedAt"
      FROM messages m JOIN channels c ON c.id = m.channel_id JOIN spaces s ON s.id = c.space_id
      WHERE m.author_id = $1 ORDER BY m.created_at`,
  reactions: `SELECT message_id AS "messageId", emoji, created_at AS "createdAt" FROM message_reactions WHERE user_id = $1`,
  resources: `SELECT r.id, r.title, r.kind, r.summary, r.created_at AS "createdAt", r.deleted_at AS "withdrawnAt"
      FROM resources r WHERE r.author_id = $1 ORDER BY r.created_at`,
  events: `SELECT e.id, e.title, e.start_local AS "start", e.time_zone AS "timeZone", e.created_at AS "createdAt"
      FROM events e WHERE e.author_id = $1 ORDER BY e.created_at`,
  eventAnswers: `SELECT e.title, o.starts_at AS "startsAt", r.status, r.answered_at AS "answeredAt"
      FROM event_rsvps r JOIN event_occurrences o ON o.id = r.occurrence_id JOIN events e ON e.id = o.event_id
      WHERE r.user_id = $1 ORDER BY o.starts_at`,
  notifications: `SELECT kind, subject, created_at AS "createdAt", read_at AS "readAt" FROM notifications
      WHERE user_id = $1 ORDER BY created_at`,
  invitationsSent: `SELECT email, role, created_at AS "createdAt", accepted_at AS "acceptedAt", revoked_at AS "revokedAt"
      FROM invitations WHERE invited_by = $1 ORDER BY created_at`,
};

/**
 * A member's rights over their personal data (Québec's Law 25): a copy of all of it, and the erasure of their account.
 * Erasure keeps what they wrote for the network (attributed to "Ancien membre") and removes what identifies them:
 * name, address, profile, picture, preferences, sessions, answers, reactions, read marks and their notifications.
 */
@Injectable()
export class PrivacyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly identity: IdentityService,
    private readonly sessions: SessionsService,
    private readonly storage: FileStorage,
    private readonly outbox: OutboxService,
    private readonly audit: AuditLog,
    private readonly rsvps: RsvpService,
  ) {}

  /**
   * A ZIP streamed as it is built: `donnees.json` (every row about the member, no secret: no password hash, no token)
   * and `fichiers/` (their picture and every version of the documents they uploaded).
   */
  async export(viewer: Viewer, logger: Logger): Promise<Readable> {
    const user = (await this.identity.findById(viewer.id))!;
    const data: Record<string, unknown> = {
      exportedAt: new Date().toISOString(),
      account: {
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        handle: user.handle,
        title: user.title,
        role: user.role,
        organizationId: user.organizationId,
        createdAt: user.createdAt,
      },
    };
    for (const [part, sql] of Object.entries(EXPORT_QUERIES))
      data[part] = await this.dataSource.query(sql, [viewer.id]);
    // File names as uploaded may hold characters a ZIP tool would read as folders or refuse.
    const safe = (name: string) =>
      [...name].map((character) => (/[\\/:*?"<>|]/.test(character) || character < ' ' ? '_' : character)).join('');
    const [pictures, documents] = await Promise.all([
      this.dataSource.query(
        'SELECT avatar_key AS key FROM member_profiles WHERE user_id = $1 AND avatar_key IS NOT NULL',
        [viewer.id],
      ) as Promise<{ key: string }[]>,
      this.dataSource.query(
        `SELECT resource_id AS "resourceId", number, file_name AS "fileName", storage_key AS key
         FROM resource_versions WHERE author_id = $1 AND storage_key IS NOT NULL ORDER BY resource_id, number`,
        [viewer.id],
      ) as Promise<{ resourceId: string; number: number; fileName: string; key: string }[]>,
    ]);
    const files = [
      ...pictures.map((picture) => ({ path: 'fichiers/photo.webp', key: picture.key })),
      ...documents.map((document) => ({
        path: `fichiers/ressources/${document.resourceId}/v${document.number}-${safe(document.fileName)}`,
        key: document.key,
      })),
    ];

    const output = new PassThrough();
    const zip = new Zip((error, chunk, final) => {
      if (error) {
        output.destroy(error);
        return;
      }
      output.write(chunk);
      if (final) output.end();
    });
    const json = new ZipDeflate('donnees.json', { level: 6 });
    zip.add(json);
    json.push(new TextEncoder().encode(JSON.stringify(data, null, 2)), true);
    void (async () => {
      for (const file of files) {
        // Stored as is: pictures and office documents are compressed already.
        const entry = new ZipPassThrough(file.path);
        zip.add(entry);
        for await (const chunk of this.storage.read(file.key)) entry.push(chunk as Uint8Array);
        entry.push(new Uint8Array(0), true);
      }
      zip.end();
    })().catch((error: unknown) => {
      logger.error({ err: error }, 'personal data export failed');
      output.destroy(error as Error);
    });
    return output;
  }

  /** Erases the account after the member confirms with their password; the last active administrator cannot. */
  async deleteAccount(viewer: Viewer, password: string): Promise<void> {
    const user = (await this.identity.findById(viewer.id))!;
    if (!(await this.identity.checkPassword(user.id, password))) {
      throw invalid('body.password', 'Mot de passe incorrect');
    }
    if (user.role === 'admin' && (await this.identity.activeAdminCount()) <= 1) {
      throw new Problem(
        HttpStatus.CONFLICT,
        'last-admin',
        'Dernier administrateur',
        'Le réseau doit garder au moins un administrateur actif : nommez-en un autre avant de supprimer votre compte.',
      );
    }
    const [picture] = await this.dataSource.query('SELECT avatar_key AS key FROM member_profiles WHERE user_id = $1', [
      user.id,
    ]);
    await this.dataSource.transaction(async (manager) => {
      const stub = user.id.replaceAll('-', '');
      await manager.getRepository(UserEntity).update(
        { id: user.id },
        {
          email: `ancien-membre-${stub}@supprime.invalid`,
          displayName: FORMER_MEMBER,
          handle: `ancien-membre-${stub.slice(0, 12)}`,
          title: '',
          passwordHash: '!',
          status: 'deleted',
        },
      );
      // Direct conversations are named after their members.
      await manager.query(
        `UPDATE spaces SET name = replace(name, $2, $3)
         WHERE kind = 'direct' AND id IN (SELECT space_id FROM space_members WHERE user_id = $1)`,
        [user.id, user.displayName, FORMER_MEMBER],
      );
      for (const table of [
        'member_profiles',
        'notification_preferences',
        'digest_schedules',
        'notifications',
        'event_follows',
        'message_reactions',
        'post_likes',
        'channel_reads',
        'topic_reads',
        'topic_subscriptions',
        'space_subscriptions',
        'calendar_feeds',
      ]) {
        await manager.query(`DELETE FROM ${table} WHERE user_id = $1`, [user.id]);
      }
      await this.rsvps.withdrawMember(manager, user.id);
      await this.sessions.closeAll(user.id, { manager });
      await this.audit.record(manager, { action: 'member.deleted', actorId: user.id, target: FORMER_MEMBER });
      // Search documents carry authors' names: the person leaves the index, their content is signed anew.
      const documents: SearchSyncPayload[] = await manager.query(
        `SELECT 'person' AS type, $1::uuid AS id
         UNION ALL SELECT 'topic', id FROM topics WHERE author_id = $1
         UNION ALL SELECT 'post', id FROM posts WHERE author_id = $1
         UNION ALL SELECT 'message', id FROM messages WHERE author_id = $1
         UNION ALL SELECT 'resource', id FROM resources WHERE author_id = $1
         UNION ALL SELECT 'event', id FROM events WHERE author_id = $1`,
        [user.id],
      );
      await this.outbox.enqueueMany(manager, SEARCH_INDEX, documents);
    });
    this.outbox.notifyCommitted();
    if (picture?.key) await this.storage.remove(picture.key);
  }
}
