import { NotificationKind } from '@maillage/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { UserEntity } from '../../identity/entities/user.entity';

/**
 * Something a member should hear about. `spaceId` is the space of what it points to: the access policy filters on
 * it when listing, so that a notification never shows what its recipient may no longer see.
 */
@Entity('notifications')
@Check('CHK_notifications_kind', `"kind" IN (${NotificationKind.options.map((kind) => `'${kind}'`).join(', ')})`)
@Index('IDX_notifications_user', ['userId', 'createdAt', 'id'])
@Index('IDX_notifications_unread', ['userId'], { where: '"read_at" IS NULL' })
@Index('UQ_notifications_dedup', ['userId', 'dedupKey'], { unique: true })
export class NotificationEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'text' })
  kind: NotificationKind;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  /** Null for what concerns no space (an invitation accepted): its recipient always sees it. */
  @Column({ name: 'space_id', type: 'uuid', nullable: true })
  spaceId: string | null;

  @Column({ name: 'topic_id', type: 'uuid', nullable: true })
  topicId: string | null;

  @Column({ name: 'post_number', type: 'integer', nullable: true })
  postNumber: number | null;

  /** Where it leads in the web client, for what is not a forum post (an event occurrence). */
  @Column({ type: 'text', nullable: true })
  url: string | null;

  /** What it is about, as it read when the notification was made (a topic title). */
  @Column({ type: 'text', default: '' })
  subject: string;

  /** What makes a notification unique (the post it is about): a retried fan-out writes it once. */
  @Column({ name: 'dedup_key', type: 'text' })
  dedupKey: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
