import type { OrganizationKind } from '@maillage/contracts';
import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('organizations')
@Check('CHK_organizations_kind', `"kind" IN ('mrc', 'coordination', 'ministry', 'health', 'community')`)
export class OrganizationEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  slug: string;

  @Column({ type: 'text' })
  kind: OrganizationKind;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'short_name', type: 'text' })
  shortName: string;

  /** The MRC's geographic code (07 to 14) for MRC organizations. */
  @Column({ name: 'mrc_code', type: 'text', nullable: true })
  mrcCode: string | null;

  @Column({ type: 'text', nullable: true })
  seat: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  municipalities: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
