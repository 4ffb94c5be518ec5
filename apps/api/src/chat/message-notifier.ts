import type { NotificationKind } from '@maillage/contracts';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { mentionCandidates } from '../common/markdown/markdown';
import { IdentityService } from '../identity/identity.service';
import { NotificationsService } from '../notifications/notifications.service';
import { OutboxService } from '../outbox/outbox.service';
import { AccessPolicy } from '../spaces/access-policy';

/** The outbox kind of a chat message that may notify someone: it mentions a member, or is direct. */
export const MESSAGE_NOTIFY = 'chat.message-notify';

export interface MessageNotifyPayload extends Record<string, unknown> {
  messageId: string;
  /** After an edit only mentions notify (those already told are not told again). */
  mentionsOnly: boolean;
}

/**
 * After a chat message commits: members it mentions hear of it if they may see the channel; in a direct conversation,
 * the others hear of the first message they have not read (not of every message of a burst). Nobody who has already
 * read that far, never the writer. Runs from the outbox; a retry notifies nobody twice.
 */
@Injectable()
export class MessageNotifier implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly identity: IdentityService,
    private readonly access: AccessPolicy,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.outbox.register(MESSAGE_NOTIFY, (payload) => this.notify(payload as MessageNotifyPayload));
  }

  /** Whether a message needs the notifier at all: most messages mention nobody and are not direct. */
  static concerns(markdown: string, direct: boolean): boolean {
    return direct || mentionCandidates(markdown).length > 0;
  }

  async notify({ messageId, mentionsOnly }: MessageNotifyPayload): Promise<void> {
    const [message]: {
      authorId: string | null;
      seq: number;
      markdown: string;
      channelId: string;
      channelName: string;
      spaceId: string;
      spaceName: string;
      direct: boolean;
    }[] = await this.dataSource.query(
      `SELECT m.author_id AS "authorId", m.seq, m.markdown, c.id AS "channelId", c.name AS "channelName",
              s.id AS "spaceId", s.name AS "spaceName", s.kind = 'direct' AS direct
       FROM messages m JOIN channels c ON c.id = m.channel_id JOIN spaces s ON s.id = c.space_id
       WHERE m.id = $1 AND m.deleted_at IS NULL`,
      [messageId],
    );
    if (!message) return;

    const kinds = new Map<string, NotificationKind>();
    for (const user of await this.identity.findByHandles(mentionCandidates(message.markdown))) {
      kinds.set(user.id, 'mention');
    }
    if (message.direct && !mentionsOnly) {
      const caughtUp: { userId: string }[] = await this.dataSource.query(
        `SELECT sm.user_id AS "userId" FROM space_members sm
         LEFT JOIN channel_reads r ON r.channel_id = $2 AND r.user_id = sm.user_id
         WHERE sm.space_id = $1 AND coalesce(r.last_read_seq, 0) = $3 - 1`,
        [message.spaceId, message.channelId, message.seq],
      );
      for (const { userId } of caughtUp) if (!kinds.has(userId)) kinds.set(userId, 'direct-message');
    }
    kinds.delete(message.authorId ?? '');

    const allowed = await this.access.whoCanSeeSpace([...kinds.keys()], message.spaceId);
    const alreadyRead: { userId: string }[] = await this.dataSource.query(
      `SELECT user_id AS "userId" FROM channel_reads WHERE channel_id = $1 AND last_read_seq >= $2 AND user_id = ANY($3)`,
      [message.channelId, message.seq, [...kinds.keys()]],
    );
    const readIds = new Set(alreadyRead.map((row) => row.userId));
    const recipients = [...kinds]
      .filter(([userId]) => allowed.has(userId) && !readIds.has(userId))
      .map(([userId, kind]) => ({ userId, kind }));
    await this.notifications.notify(recipients, {
      actorId: message.authorId,
      spaceId: message.spaceId,
      topicId: null,
      postNumber: null,
      subject: message.direct ? message.spaceName : `#${message.channelName} · ${message.spaceName}`,
      url: `/discussions/${message.channelId}`,
      dedupKey: `message:${messageId}`,
    });
  }
}
