import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** Failed sign-ins, kept for the lockout window; shared by every api process through the database. */
@Entity('login_failures')
@Index('IDX_login_failures_email', ['email', 'failedAt'])
@Index('IDX_login_failures_address', ['address', 'failedAt'])
export class LoginFailureEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  address: string;

  @CreateDateColumn({ name: 'failed_at', type: 'timestamptz' })
  failedAt: Date;
}
