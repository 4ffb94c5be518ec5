import { z } from 'zod';

import { Id, IsoDateTime, text } from './common';
import { PersonRef, Tag } from './forums';
import { MrcCode, oneOrMany } from './search';

export const DEFAULT_TIME_ZONE = 'America/Toronto';

const isTimeZone = (value: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

export const TimeZone = z
  .string()
  .max(64)
  .refine(isTimeZone, 'Fuseau horaire inconnu (attendu : un nom IANA comme America/Toronto)');

/** A local date and time without offset, read in the event's time zone: `2026-11-05T09:00`. */
export const LocalDateTime = z.iso
  .datetime({ local: true, precision: -1 })
  .meta({ description: 'Local date and time, read in the event’s time zone (YYYY-MM-DDTHH:mm)' });

/** An iCalendar RRULE value (RFC 5545) without DTSTART: `FREQ=WEEKLY;BYDAY=TH`. The api checks it fully. */
export const RecurrenceRule = z
  .string()
  .trim()
  .max(500)
  .transform((value) => value.replace(/^RRULE:/i, ''));

export const RsvpStatus = z.enum(['going', 'maybe', 'declined']);
export type RsvpStatus = z.infer<typeof RsvpStatus>;

/** What the member's answer became: `waitlisted` when they asked for a seat and none was free. */
export const RsvpState = z.enum(['going', 'maybe', 'declined', 'waitlisted']);
export type RsvpState = z.infer<typeof RsvpState>;

/** A related resource: a page of the library (`/ressources/<id>`) or an address elsewhere. */
export const RelatedLink = z.strictObject({
  title: text(1, 200),
  url: z.union([
    z.string().regex(/^\/ressources\/[0-9a-f-]{36}$/, 'Une ressource de la bibliothèque ou une adresse http(s)'),
    z.url({ protocol: /^https?$/ }).max(2000),
  ]),
});
export type RelatedLink = z.infer<typeof RelatedLink>;

export const EventLocation = z.object({
  place: z.string().nullable(),
  address: z.string().nullable(),
  municipality: z.string().nullable(),
  onlineUrl: z.string().nullable(),
});
export type EventLocation = z.infer<typeof EventLocation>;

/** One occurrence as calendars list it (month, week and agenda views). */
export const OccurrenceSummary = z
  .object({
    id: Id,
    eventId: Id,
    title: z.string(),
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
    allDay: z.boolean(),
    timeZone: z.string(),
    spaceId: Id,
    spaceName: z.string(),
    volet: z.number().int().nullable(),
    mrcCode: z.string().nullable(),
    municipality: z.string().nullable(),
    online: z.boolean(),
    recurring: z.boolean(),
    cancelled: z.boolean(),
    goingCount: z.number().int(),
    capacity: z.number().int().nullable(),
    myRsvp: RsvpState.nullable(),
  })
  .meta({ id: 'OccurrenceSummary' });
export type OccurrenceSummary = z.infer<typeof OccurrenceSummary>;

export const OccurrenceList = z.object({ items: z.array(OccurrenceSummary) }).meta({ id: 'OccurrenceList' });
export type OccurrenceList = z.infer<typeof OccurrenceList>;

const DateOnly = z.iso.date();

/** The longest range one calendar request may cover: a month view shows six weeks. */
export const MAX_CALENDAR_RANGE_DAYS = 62;

export const OccurrenceListQuery = z
  .strictObject({
    /** Inclusive first day and exclusive last day, read in `timeZone`. */
    from: DateOnly,
    to: DateOnly,
    timeZone: TimeZone.default(DEFAULT_TIME_ZONE),
    space: oneOrMany(Id),
    mrc: oneOrMany(MrcCode),
    volet: oneOrMany(z.coerce.number().int().min(1).max(4)),
    /** Only the occurrences I answered going or maybe to, or am waitlisted for. */
    mine: z.enum(['true', 'false']).optional(),
  })
  .refine((query) => query.from < query.to, { path: ['to'], message: 'La fin doit suivre le début' })
  .refine((query) => (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000 <= MAX_CALENDAR_RANGE_DAYS, {
    path: ['to'],
    message: `Une période de ${MAX_CALENDAR_RANGE_DAYS} jours au plus`,
  });
export type OccurrenceListQuery = z.input<typeof OccurrenceListQuery>;

const eventFields = {
  title: text(3, 200),
  description: z.string().trim().max(20_000),
  start: LocalDateTime,
  end: LocalDateTime,
  timeZone: TimeZone,
  allDay: z.boolean(),
  place: z.string().trim().max(200).nullable(),
  address: z.string().trim().max(300).nullable(),
  municipality: z.string().trim().max(100).nullable(),
  onlineUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable(),
  organizationId: Id.nullable(),
  volet: z.number().int().min(1).max(4).nullable(),
  mrcCode: MrcCode.nullable(),
  tags: z.array(Tag).max(8),
  capacity: z.number().int().min(1).max(100_000).nullable(),
  /** Local date and time in the event's zone after which answers are closed. */
  registrationDeadline: LocalDateTime.nullable(),
  rrule: RecurrenceRule.nullable(),
  relatedLinks: z.array(RelatedLink).max(20),
};

/** End after start; the end of an all-day event is its last day (inclusive). */
const endFollowsStart = (value: { start?: string; end?: string; allDay?: boolean }) =>
  value.start === undefined ||
  value.end === undefined ||
  (value.allDay ? value.end.slice(0, 10) >= value.start.slice(0, 10) : value.end > value.start);

export const CreateEventRequest = z
  .strictObject({
    spaceId: Id,
    ...eventFields,
    description: eventFields.description.default(''),
    timeZone: eventFields.timeZone.default(DEFAULT_TIME_ZONE),
    allDay: eventFields.allDay.default(false),
    place: eventFields.place.default(null),
    address: eventFields.address.default(null),
    municipality: eventFields.municipality.default(null),
    onlineUrl: eventFields.onlineUrl.default(null),
    organizationId: eventFields.organizationId.optional(),
    volet: eventFields.volet.default(null),
    mrcCode: eventFields.mrcCode.optional(),
    tags: eventFields.tags.default([]),
    capacity: eventFields.capacity.default(null),
    registrationDeadline: eventFields.registrationDeadline.default(null),
    rrule: eventFields.rrule.default(null),
    relatedLinks: eventFields.relatedLinks.default([]),
  })
  .refine(endFollowsStart, { path: ['end'], message: 'La fin doit suivre le début' })
  .meta({ id: 'CreateEventRequest' });
export type CreateEventRequest = z.input<typeof CreateEventRequest>;

/** A change to the whole series; start, end, zone and rule re-place its occurrences (moved ones keep their time). */
export const UpdateEventRequest = z
  .strictObject({ ...eventFields, spaceId: Id })
  .partial()
  .refine((value) => Object.keys(value).length > 0, 'Aucun champ à modifier')
  .refine(endFollowsStart, { path: ['end'], message: 'La fin doit suivre le début' })
  .meta({ id: 'UpdateEventRequest' });
export type UpdateEventRequest = z.input<typeof UpdateEventRequest>;

/**
 * A change from one occurrence: `this` changes (or cancels) that occurrence alone; `following` ends the series
 * before it and starts a new one from it carrying the change and the later answers.
 */
export const UpdateOccurrenceRequest = z
  .strictObject({
    scope: z.enum(['this', 'following']),
    cancelled: z.boolean().optional(),
    title: eventFields.title.optional(),
    description: eventFields.description.optional(),
    start: LocalDateTime.optional(),
    end: LocalDateTime.optional(),
    place: eventFields.place.optional(),
    address: eventFields.address.optional(),
    municipality: eventFields.municipality.optional(),
    onlineUrl: eventFields.onlineUrl.optional(),
    rrule: eventFields.rrule.optional(),
  })
  .refine((value) => Object.keys(value).length > 1, 'Aucun champ à modifier')
  .refine((value) => value.scope === 'following' || value.rrule === undefined, {
    path: ['rrule'],
    message: 'La règle de récurrence se change pour la série ou « cette occurrence et les suivantes »',
  })
  .refine(endFollowsStart, { path: ['end'], message: 'La fin doit suivre le début' })
  .meta({ id: 'UpdateOccurrenceRequest' });
export type UpdateOccurrenceRequest = z.input<typeof UpdateOccurrenceRequest>;

export const EventSeries = z
  .object({
    id: Id,
    spaceId: Id,
    spaceName: z.string(),
    title: z.string(),
    description: z.string(),
    /** Sanitized HTML rendered by the server from `description`. */
    descriptionHtml: z.string(),
    start: z.string(),
    end: z.string(),
    timeZone: z.string(),
    allDay: z.boolean(),
    location: EventLocation,
    organization: z.object({ id: Id, name: z.string() }).nullable(),
    volet: z.number().int().nullable(),
    mrcCode: z.string().nullable(),
    tags: z.array(z.string()),
    capacity: z.number().int().nullable(),
    registrationDeadline: z.string().nullable(),
    rrule: z.string().nullable(),
    relatedLinks: z.array(RelatedLink),
    author: PersonRef,
    following: z.boolean(),
    canEdit: z.boolean(),
    cancelled: z.boolean(),
    createdAt: IsoDateTime,
    /** The occurrence its page opens: the next to come, else the last. */
    nextOccurrenceId: Id.nullable(),
  })
  .meta({ id: 'EventSeries' });
export type EventSeries = z.infer<typeof EventSeries>;

export const OccurrenceDetail = z
  .object({
    id: Id,
    eventId: Id,
    title: z.string(),
    descriptionHtml: z.string(),
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
    /** Local start and end in the event's zone, as the edit form shows them. */
    start: z.string(),
    end: z.string(),
    location: EventLocation,
    cancelled: z.boolean(),
    past: z.boolean(),
    registrationOpen: z.boolean(),
    goingCount: z.number().int(),
    maybeCount: z.number().int(),
    waitlistCount: z.number().int(),
    myRsvp: RsvpState.nullable(),
    /** 1 for the first in line; null unless I am waitlisted. */
    myWaitlistPosition: z.number().int().nullable(),
    event: EventSeries,
  })
  .meta({ id: 'OccurrenceDetail' });
export type OccurrenceDetail = z.infer<typeof OccurrenceDetail>;

export const OccurrenceParams = z.strictObject({ id: Id, occurrenceId: Id });

export const RsvpRequest = z
  .strictObject({
    status: RsvpStatus,
    /** Which occurrence; may be left out for an event that happens once. */
    occurrenceId: Id.optional(),
  })
  .meta({ id: 'RsvpRequest' });
export type RsvpRequest = z.infer<typeof RsvpRequest>;

export const RsvpResult = z
  .object({ occurrenceId: Id, status: RsvpState, waitlistPosition: z.number().int().nullable() })
  .meta({ id: 'RsvpResult' });
export type RsvpResult = z.infer<typeof RsvpResult>;

export const Attendee = z
  .object({
    person: PersonRef,
    /** Null when the attendee does not show it to the viewer (visibleContact). */
    email: z.string().nullable(),
    organizationName: z.string().nullable(),
    status: RsvpState,
    answeredAt: IsoDateTime,
    waitlistPosition: z.number().int().nullable(),
  })
  .meta({ id: 'Attendee' });
export type Attendee = z.infer<typeof Attendee>;

export const AttendeeList = z.object({ items: z.array(Attendee) }).meta({ id: 'AttendeeList' });
export type AttendeeList = z.infer<typeof AttendeeList>;

export const CalendarFeed = z
  .object({
    /** The subscription address; shown once when made, null when none is active. */
    url: z.string().nullable(),
    active: z.boolean(),
    createdAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'CalendarFeed' });
export type CalendarFeed = z.infer<typeof CalendarFeed>;

export const FeedTokenParam = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });
