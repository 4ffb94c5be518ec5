import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';

import { UserEntity } from '../../identity/entities/user.entity';
import { SpaceEntity } from '../../spaces/entities/space.entity';

/** A forum topic. Its first post (number 1) holds the opening message. */
@Entity('topics')
@Index('IDX_topics_space_latest', ['spaceId', 'lastPostedAt', 'id'], { where: '"deleted_at" IS NULL' })
@Index('IDX_topics_space_created', ['spaceId', 'createdAt', 'id'], { where: '"deleted_at" IS NULL' })
@Index('IDX_topics_space_top', ['spaceId', 'likeCount', 'id'], { where: '"deleted_at" IS NULL' })
@Index('IDX_topics_latest', ['lastPostedAt', 'id'], { where: '"deleted_at" IS NULL' })
@Index('IDX_topics_created', ['createdAt', 'id'], { where: '"deleted_at" IS NULL' })
@Index('IDX_topics_space_pinned', ['spaceId', 'pinnedAt'], {
  where: '"pinned_at" IS NOT NULL AND "deleted_at" IS NULL',
})
@Index('IDX_topics_announced', ['announcedAt'], { where: '"announced_at" IS NOT NULL AND "deleted_at" IS NULL' })
export class TopicEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'space_id', type: 'uuid' })
  spaceId: string;

  @ManyToOne(() => SpaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'space_id' })
  space?: SpaceEntity;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id' })
  author?: UserEntity;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  /** Posts not deleted, the first included. */
  @Column({ name: 'post_count', type: 'integer', default: 0 })
  postCount: number;

  /** The highest post number given; numbers are never reused. */
  @Column({ name: 'last_post_number', type: 'integer', default: 0 })
  lastPostNumber: number;

  @Column({ name: 'like_count', type: 'integer', default: 0 })
  likeCount: number;

  @Column({ name: 'last_posted_at', type: 'timestamptz' })
  lastPostedAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'pinned_at', type: 'timestamptz', nullable: true })
  pinnedAt: Date | null;

  /** A network-wide announcement (admins): pinned on every member's topic feed. */
  @Column({ name: 'announced_at', type: 'timestamptz', nullable: true })
  announcedAt: Date | null;

  @Column({ name: 'locked_at', type: 'timestamptz', nullable: true })
  lockedAt: Date | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
