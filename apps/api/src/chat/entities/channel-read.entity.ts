import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { UserEntity } from '../../identity/entities/user.entity';
import { ChannelEntity } from './channel.entity';

/** How far a member has read a channel: its unread count is the messages after. */
@Entity('channel_reads')
export class ChannelReadEntity {
  @PrimaryColumn({ name: 'channel_id', type: 'uuid' })
  channelId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => ChannelEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id' })
  channel?: ChannelEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ name: 'last_read_seq', type: 'integer', default: 0 })
  lastReadSeq: number;
}
