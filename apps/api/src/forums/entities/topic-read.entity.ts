import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';

import { UserEntity } from '../../identity/entities/user.entity';
import { TopicEntity } from './topic.entity';

/** How far a member has read a topic. */
@Entity('topic_reads')
@Index('IDX_topic_reads_topic', ['topicId'])
export class TopicReadEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'topic_id', type: 'uuid' })
  topicId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @ManyToOne(() => TopicEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'topic_id' })
  topic?: TopicEntity;

  @Column({ name: 'last_read_number', type: 'integer' })
  lastReadNumber: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
