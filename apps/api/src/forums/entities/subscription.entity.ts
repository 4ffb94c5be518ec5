import type { SubscriptionLevel } from '@maillage/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { UserEntity } from '../../identity/entities/user.entity';
import { SpaceEntity } from '../../spaces/entities/space.entity';
import { TopicEntity } from './topic.entity';

/** Watching a topic notifies of every reply; muting silences it. No row means "normal". */
@Entity('topic_subscriptions')
@Check('CHK_topic_subscriptions_level', `"level" IN ('watching', 'muted')`)
@Index('IDX_topic_subscriptions_topic', ['topicId', 'level'])
export class TopicSubscriptionEntity {
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

  @Column({ type: 'text' })
  level: Exclude<SubscriptionLevel, 'normal'>;
}

/** Watching a space notifies of each new topic in it; muting silences the space (mentions still reach). */
@Entity('space_subscriptions')
@Check('CHK_space_subscriptions_level', `"level" IN ('watching', 'muted')`)
@Index('IDX_space_subscriptions_space', ['spaceId', 'level'])
export class SpaceSubscriptionEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'space_id', type: 'uuid' })
  spaceId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @ManyToOne(() => SpaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'space_id' })
  space?: SpaceEntity;

  @Column({ type: 'text' })
  level: Exclude<SubscriptionLevel, 'normal'>;
}
