import type { RelatedLink } from '@maillage/contracts';
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

import { UserEntity } from '../../identity/entities/user.entity';
import { OrganizationEntity } from '../../organizations/entities/organization.entity';
import { SpaceEntity } from '../../spaces/entities/space.entity';

/**
 * An event, happening once or recurring: the series definition. Its start and end are local wall-clock times in
 * `timeZone`, which is what a recurrence repeats ("every Thursday at 9:00" stays 9:00 across daylight-saving
 * changes); the occurrences table holds the instants.
 */
@Entity('events')
@Index('IDX_events_space', ['spaceId', 'createdAt'])
@Index('IDX_events_horizon', ['materializedUntil'], {
  where: '"materialized_until" IS NOT NULL AND "cancelled_at" IS NULL',
})
@Check('CHK_events_volet', '"volet" BETWEEN 1 AND 4')
export class EventEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'space_id', type: 'uuid' })
  spaceId: string;

  @ManyToOne(() => SpaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'space_id' })
  space?: SpaceEntity;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id' })
  author?: UserEntity;

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity;

  @Column({ type: 'text' })
  title: string;

  /** Markdown source; rendered and sanitized when read. */
  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'start_local', type: 'timestamp without time zone' })
  startLocal: Date;

  /** Exclusive: for an all-day event, midnight after its last day. */
  @Column({ name: 'end_local', type: 'timestamp without time zone' })
  endLocal: Date;

  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  @Column({ name: 'all_day', type: 'boolean', default: false })
  allDay: boolean;

  @Column({ type: 'text', nullable: true })
  place: string | null;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ type: 'text', nullable: true })
  municipality: string | null;

  @Column({ name: 'online_url', type: 'text', nullable: true })
  onlineUrl: string | null;

  @Column({ type: 'smallint', nullable: true })
  volet: number | null;

  @Column({ name: 'mrc_code', type: 'text', nullable: true })
  mrcCode: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'integer', nullable: true })
  capacity: number | null;

  @Column({ name: 'registration_deadline', type: 'timestamptz', nullable: true })
  registrationDeadline: Date | null;

  /** RFC 5545 RRULE value without DTSTART; UNTIL, when present, in UTC. */
  @Column({ type: 'text', nullable: true })
  rrule: string | null;

  @Column({ name: 'related_links', type: 'jsonb', default: () => "'[]'" })
  relatedLinks: RelatedLink[];

  /** For a rule without end: how far its occurrences are written; a daily job carries it forward. */
  @Column({ name: 'materialized_until', type: 'timestamptz', nullable: true })
  materializedUntil: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
