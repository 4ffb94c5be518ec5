import type { FlagReason } from '@maillage/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { UserEntity } from '../../identity/entities/user.entity';
import { PostEntity } from './post.entity';

@Entity('post_flags')
@Check('CHK_post_flags_reason', `"reason" IN ('spam', 'inappropriate', 'off-topic', 'other')`)
@Check('CHK_post_flags_resolution', `"resolution" IS NULL OR "resolution" IN ('hidden', 'dismissed', 'restored')`)
@Index('IDX_post_flags_open', ['createdAt'], { where: '"resolved_at" IS NULL' })
@Index('IDX_post_flags_post', ['postId'])
export class PostFlagEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'post_id', type: 'uuid' })
  postId: string;

  @ManyToOne(() => PostEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'post_id' })
  post?: PostEntity;

  @Column({ name: 'flagged_by', type: 'uuid', nullable: true })
  flaggedBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'flagged_by' })
  flagger?: UserEntity;

  @Column({ type: 'text' })
  reason: FlagReason;

  @Column({ type: 'text', default: '' })
  note: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'resolved_by', type: 'uuid', nullable: true })
  resolvedBy: string | null;

  @Column({ type: 'text', nullable: true })
  resolution: 'hidden' | 'dismissed' | 'restored' | null;
}
