import type { RsvpState } from '@maillage/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { UserEntity } from '../../identity/entities/user.entity';
import { EventOccurrenceEntity } from './event-occurrence.entity';

/** A member's answer to one occurrence. The waitlist is the `waitlisted` answers in `waitlistedAt` order. */
@Entity('event_rsvps')
@Check('CHK_event_rsvps_status', `"status" IN ('going', 'maybe', 'declined', 'waitlisted')`)
@Index('IDX_event_rsvps_user', ['userId', 'status'])
@Index('IDX_event_rsvps_waitlist', ['occurrenceId', 'waitlistedAt'], { where: `"status" = 'waitlisted'` })
export class EventRsvpEntity {
  @PrimaryColumn({ name: 'occurrence_id', type: 'uuid' })
  occurrenceId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => EventOccurrenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'occurrence_id' })
  occurrence?: EventOccurrenceEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'text' })
  status: RsvpState;

  @Column({ name: 'answered_at', type: 'timestamptz' })
  answeredAt: Date;

  @Column({ name: 'waitlisted_at', type: 'timestamptz', nullable: true })
  waitlistedAt: Date | null;
}
