import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { UserEntity } from '../../identity/entities/user.entity';
import { TopicEntity } from './topic.entity';

@Entity('posts')
@Index('UQ_posts_topic_number', ['topicId', 'number'], { unique: true })
@Index('IDX_posts_author', ['authorId', 'createdAt'])
export class PostEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'topic_id', type: 'uuid' })
  topicId: string;

  @ManyToOne(() => TopicEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'topic_id' })
  topic?: TopicEntity;

  /** 1 for the opening post, then 2, 3… in the order replies were accepted, with no gap or duplicate. */
  @Column({ type: 'integer' })
  number: number;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id' })
  author?: UserEntity;

  @Column({ type: 'text' })
  markdown: string;

  /** Rendered and sanitized once, at write time. */
  @Column({ type: 'text' })
  html: string;

  @Column({ name: 'reply_to_number', type: 'integer', nullable: true })
  replyToNumber: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt: Date | null;

  @Column({ name: 'like_count', type: 'integer', default: 0 })
  likeCount: number;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @Column({ name: 'deleted_by', type: 'uuid', nullable: true })
  deletedBy: string | null;

  /** Hidden by a moderator after flags: shown collapsed. */
  @Column({ name: 'hidden_at', type: 'timestamptz', nullable: true })
  hiddenAt: Date | null;
}
