import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { EventEntity } from './event.entity';

/** What one occurrence changes from its series ("this occurrence" edits). */
export interface OccurrenceChanges {
  title?: string;
  description?: string;
  place?: string | null;
  address?: string | null;
  municipality?: string | null;
  onlineUrl?: string | null;
}

/**
 * One occurrence of an event, written out so that calendars read a plain indexed range, answers and reminders
 * attach to a row, and an exception is an edit of that row. `originalStart` is where the rule put it (the
 * iCalendar RECURRENCE-ID); `startsAt`/`endsAt` are where it happens.
 */
@Entity('event_occurrences')
@Index('UQ_event_occurrences_original', ['eventId', 'originalStart'], { unique: true })
@Index('IDX_event_occurrences_starts', ['startsAt', 'id'])
export class EventOccurrenceEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  @Column({ name: 'original_start', type: 'timestamptz' })
  originalStart: Date;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  /** Moved by a "this occurrence" edit: a change to the series' times leaves it where it was put. */
  @Column({ type: 'boolean', default: false })
  moved: boolean;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  changes: OccurrenceChanges;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  /** Seats taken, kept with the row that answers lock, so that calendars show it without counting. */
  @Column({ name: 'going_count', type: 'integer', default: 0 })
  goingCount: number;
}
