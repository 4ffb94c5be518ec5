import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { ResourceEntity } from './resource.entity';

/**
 * One download, for counts by month and place (the portrait): the resource and the downloader's organization, never
 * the downloader. `resources.download_count` stays the running total the library sorts by.
 */
@Entity('resource_downloads')
@Index('IDX_resource_downloads_created', ['createdAt'])
export class ResourceDownloadEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'resource_id', type: 'uuid' })
  resourceId: string;

  @ManyToOne(() => ResourceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'resource_id' })
  resource?: ResourceEntity;

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
