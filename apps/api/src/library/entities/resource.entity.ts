import type { ResourceFormat, ResourceKind } from '@maillage/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';

import { TopicEntity } from '../../forums/entities/topic.entity';
import { UserEntity } from '../../identity/entities/user.entity';
import { OrganizationEntity } from '../../organizations/entities/organization.entity';
import { SpaceEntity } from '../../spaces/entities/space.entity';

/** A shared document, link or tool. A document's files are its versions; `currentVersion` is the one shown. */
@Entity('resources')
@Index('IDX_resources_recent', ['createdAt', 'id'], { where: '"deleted_at" IS NULL' })
@Index('IDX_resources_popular', ['downloadCount', 'id'], { where: '"deleted_at" IS NULL' })
@Index('IDX_resources_space_recent', ['spaceId', 'createdAt', 'id'], { where: '"deleted_at" IS NULL' })
@Index('IDX_resources_kind_recent', ['kind', 'createdAt', 'id'], { where: '"deleted_at" IS NULL' })
@Index('IDX_resources_tags', { synchronize: false })
@Index('IDX_resources_mrc_codes', { synchronize: false })
@Check('CHK_resources_volet', '"volet" BETWEEN 1 AND 4')
@Check('CHK_resources_format', `"format" IN ('file', 'link', 'tool')`)
export class ResourceEntity {
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

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity;

  @Column({ type: 'text' })
  format: ResourceFormat;

  @Column({ type: 'text' })
  title: string;

  /** Markdown source. */
  @Column({ type: 'text', default: '' })
  summary: string;

  @Column({ type: 'text' })
  kind: ResourceKind;

  @Column({ type: 'smallint', nullable: true })
  volet: number | null;

  @Column({ name: 'mrc_codes', type: 'text', array: true, default: () => "'{}'" })
  mrcCodes: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  themes: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'text', default: 'fr' })
  language: string;

  /** The address of a link or a tool. */
  @Column({ type: 'text', nullable: true })
  url: string | null;

  /** The version shown and downloaded by default; 0 for a link or a tool. */
  @Column({ name: 'current_version', type: 'integer', default: 0 })
  currentVersion: number;

  @Column({ name: 'download_count', type: 'integer', default: 0 })
  downloadCount: number;

  @Column({ name: 'discussion_topic_id', type: 'uuid', nullable: true })
  discussionTopicId: string | null;

  @ManyToOne(() => TopicEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'discussion_topic_id' })
  discussionTopic?: TopicEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
