import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';

import { UserEntity } from '../../identity/entities/user.entity';

/**
 * When a member's daily digest leaves (an hour, America/Toronto) and what the last one covered: a digest holds the
 * unread notifications of digest kinds created after `coveredUntil`.
 */
@Entity('digest_schedules')
@Check('CHK_digest_schedules_hour', `"hour" BETWEEN 0 AND 23`)
export class DigestScheduleEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @OneToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'smallint', default: 7 })
  hour: number;

  /** The local day (America/Toronto) of the last digest decided, sent or empty: one per day at most. */
  @Column({ name: 'last_day', type: 'date', nullable: true })
  lastDay: string | null;

  @Column({ name: 'covered_until', type: 'timestamptz', nullable: true })
  coveredUntil: Date | null;
}
