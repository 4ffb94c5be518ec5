import { AuditAction } from '@maillage/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { UserEntity } from '../../identity/entities/user.entity';

/** One administrative action: who did what to what, and when. Kept when its actor's account is deleted. */
@Entity('audit_entries')
@Check('CHK_audit_entries_action', `"action" IN (${AuditAction.options.map((action) => `'${action}'`).join(', ')})`)
@Index('IDX_audit_entries_recent', ['createdAt', 'id'])
export class AuditEntryEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  action: AuditAction;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_id' })
  actor?: UserEntity;

  @Column({ type: 'text' })
  target: string;

  @Column({ type: 'jsonb', default: {} })
  details: Record<string, string | number | boolean | null>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
