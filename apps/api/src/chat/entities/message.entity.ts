import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { UserEntity } from '../../identity/entities/user.entity';
import { ChannelEntity } from './channel.entity';

/**
 * A message, numbered in its channel (`seq`) in the order the channel's lock grants: a client that saw up to n asks for
 * what follows n and gets each message once, in order. `clientId` makes a resend return the first message.
 */
@Entity('messages')
@Index('UQ_messages_channel_seq', ['channelId', 'seq'], { unique: true })
@Index('UQ_messages_author_client', ['authorId', 'clientId'], { unique: true })
@Index('IDX_messages_author_recent', ['authorId', 'createdAt'])
export class MessageEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'channel_id', type: 'uuid' })
  channelId: string;

  @ManyToOne(() => ChannelEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id' })
  channel?: ChannelEntity;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId: string;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id' })
  author?: UserEntity;

  @Column({ type: 'text' })
  markdown: string;

  @Column({ type: 'text' })
  html: string;

  /** The thread this message answers in, by its first message's sequence number. */
  @Column({ name: 'parent_seq', type: 'integer', nullable: true })
  parentSeq: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt: Date | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
