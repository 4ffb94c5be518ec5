import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A search that found nothing: what the network looks for and does not find, for the portrait. Kept without the
 * searcher: only their organization (and so their MRC), so that it counts by place and never names anyone.
 */
@Entity('search_misses')
@Index('IDX_search_misses_created', ['createdAt'])
export class SearchMissEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** The words, lower-cased, spaces collapsed. */
  @Column({ type: 'text' })
  query: string;

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
