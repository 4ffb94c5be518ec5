import { MemberStatus, type Role } from '@maillage/contracts';
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

import { OrganizationEntity } from '../../organizations/entities/organization.entity';

@Entity('users')
@Check('CHK_users_role', `"role" IN ('admin', 'moderator', 'member')`)
@Check('CHK_users_status', `"status" IN (${MemberStatus.options.map((status) => `'${status}'`).join(', ')})`)
@Check('CHK_users_email_lowercase', `"email" = lower("email")`)
@Index('IDX_users_display_name', ['displayName', 'id'])
export class UserEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** Stored lower-cased: one account per address whatever its spelling. */
  @Column({ type: 'text', unique: true })
  email: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  /** For @mentions and profile addresses: 'genevieve.cote'. */
  @Column({ type: 'text', unique: true })
  handle: string;

  /** Job title, as shown beside the name ("Agente de développement social"). */
  @Column({ type: 'text', default: '' })
  title: string;

  @Column({ type: 'text', default: 'member' })
  role: Role;

  @Column({ type: 'text', default: 'active' })
  status: MemberStatus;

  @Index('IDX_users_organization')
  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity;

  /** argon2id, in its PHC string form. */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
