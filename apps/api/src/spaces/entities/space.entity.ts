import type { SpaceKind, SpaceVisibility } from '@maillage/contracts';
import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Everything members write lives in a space; its visibility decides who sees it (see AccessPolicy). */
@Entity('spaces')
@Check('CHK_spaces_visibility', `"visibility" IN ('network', 'private')`)
@Check('CHK_spaces_kind', `"kind" IN ('regional', 'volet', 'committee', 'group', 'direct')`)
export class SpaceEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  slug: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text' })
  visibility: SpaceVisibility;

  @Column({ type: 'text' })
  kind: SpaceKind;

  /** The volet (1 to 4) of a volet space or committee, for filters. */
  @Column({ name: 'volet_number', type: 'smallint', nullable: true })
  voletNumber: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
