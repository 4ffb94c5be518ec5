import type { ExtractionStatus } from '@maillage/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { UserEntity } from '../../identity/entities/user.entity';
import { ResourceEntity } from './resource.entity';

/** One file of a document: stored under `storageKey`, its type decided by content, its text read for search. */
@Entity('resource_versions')
@Index('UQ_resource_versions_number', ['resourceId', 'number'], { unique: true })
@Index('IDX_resource_versions_sha256', ['sha256'])
@Check('CHK_resource_versions_extraction', `"extraction" IN ('pending', 'done', 'failed', 'none')`)
export class ResourceVersionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'resource_id', type: 'uuid' })
  resourceId: string;

  @ManyToOne(() => ResourceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'resource_id' })
  resource?: ResourceEntity;

  @Column({ type: 'integer' })
  number: number;

  @Column({ name: 'storage_key', type: 'text' })
  storageKey: string;

  /** The name the file was uploaded with, accents and all: downloads give it back. */
  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  @Column({ name: 'mime_type', type: 'text' })
  mimeType: string;

  @Column({ name: 'size_bytes', type: 'bigint' })
  sizeBytes: string;

  /** Hex SHA-256 of the content. */
  @Column({ type: 'text' })
  sha256: string;

  @Column({ name: 'change_note', type: 'text', default: '' })
  changeNote: string;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id' })
  author?: UserEntity;

  @Column({ type: 'text', default: 'pending' })
  extraction: ExtractionStatus;

  @Column({ name: 'extraction_failure', type: 'text', nullable: true })
  extractionFailure: string | null;

  /** The text read from the file, for search and the excerpt. */
  @Column({ name: 'extracted_text', type: 'text', nullable: true })
  extractedText: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
