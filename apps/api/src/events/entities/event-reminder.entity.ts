import { Check, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { UserEntity } from '../../identity/entities/user.entity';
import { EventOccurrenceEntity } from './event-occurrence.entity';

export type ReminderLead = '24h' | '1h';

/** A reminder decided for a member and an occurrence: the key makes each one go out once. */
@Entity('event_reminders')
@Check('CHK_event_reminders_lead', `"lead" IN ('24h', '1h')`)
export class EventReminderEntity {
  @PrimaryColumn({ name: 'occurrence_id', type: 'uuid' })
  occurrenceId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'text' })
  lead: ReminderLead;

  @ManyToOne(() => EventOccurrenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'occurrence_id' })
  occurrence?: EventOccurrenceEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
