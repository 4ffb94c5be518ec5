import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { type ICalCalendar, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';

import { plainText, renderMarkdown } from '../common/markdown/markdown';
import type { OccurrenceChanges } from './entities/event-occurrence.entity';
import type { OccurrenceRow } from './event-rows';

/** A series as the calendar export needs it. */
export interface ExportSeries {
  id: string;
  title: string;
  description: string;
  timeZone: string;
  allDay: boolean;
  place: string | null;
  address: string | null;
  municipality: string | null;
  onlineUrl: string | null;
  organizationName: string | null;
  /** Local start and exclusive end of the series' first occurrence, `YYYY-MM-DDTHH:mm`. */
  start: string;
  end: string;
  rrule: string | null;
  cancelled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const uidOf = (eventId: string) => `${eventId}@maillage`;

const locationText = (parts: (string | null | undefined)[]) => parts.filter(Boolean).join(', ') || null;

const icsLocalStamp = (at: Date, timeZone: string) =>
  DateTime.fromJSDate(at, { zone: timeZone }).toFormat("yyyyMMdd'T'HHmmss");

/**
 * iCalendar (RFC 5545) for events: a recurring series is one VEVENT with its RRULE and EXDATE for cancelled
 * occurrences, plus one VEVENT per changed occurrence with its RECURRENCE-ID, so that calendar applications show it
 * as one series. Times are written in the event's zone with its VTIMEZONE, so daylight-saving changes stay right.
 * ical-generator writes the text; @touch4it/ical-timezones gives the VTIMEZONE blocks.
 */
export class CalendarExport {
  private readonly calendar: ICalCalendar;

  constructor(
    name: string,
    private readonly publicUrl: string,
  ) {
    this.calendar = ical({
      name,
      prodId: { company: 'Maillage', product: 'Calendrier', language: 'FR' },
      timezone: { name: null, generator: getVtimezoneComponent },
    });
  }

  /**
   * Adds a series with the occurrences it must spell out: for a recurring series, the exceptions only (moved, changed
   * or cancelled); for an event that happens once, its one occurrence.
   */
  add(series: ExportSeries, occurrences: OccurrenceRow[]): void {
    const base = {
      id: uidOf(series.id),
      stamp: series.updatedAt,
      created: series.createdAt,
      lastModified: series.updatedAt,
      sequence: Math.max(0, Math.round((series.updatedAt.getTime() - series.createdAt.getTime()) / 1000)),
      timezone: series.allDay ? null : series.timeZone,
      allDay: series.allDay,
      url: `${this.publicUrl}/evenements/${series.id}`,
    };
    const details = (changes: OccurrenceChanges) => {
      const description = changes.description ?? series.description;
      const onlineUrl = changes.onlineUrl !== undefined ? changes.onlineUrl : series.onlineUrl;
      const text = [
        plainText(renderMarkdown(description).html).trim(),
        onlineUrl ? `En ligne : ${onlineUrl}` : null,
        series.organizationName ? `Organisé par ${series.organizationName}` : null,
      ]
        .filter(Boolean)
        .join('\n\n');
      return {
        summary: changes.title ?? series.title,
        description: text || null,
        location: locationText([
          changes.place !== undefined ? changes.place : series.place,
          changes.address !== undefined ? changes.address : series.address,
          changes.municipality !== undefined ? changes.municipality : series.municipality,
        ]),
      };
    };
    const when = (start: Date, end: Date) => ({
      start: DateTime.fromJSDate(start, { zone: series.timeZone }),
      end: DateTime.fromJSDate(end, { zone: series.timeZone }),
    });
    if (!series.rrule) {
      const [only] = occurrences;
      if (!only) return;
      this.calendar.createEvent({
        ...base,
        ...details(only.changes),
        ...when(only.startsAt, only.endsAt),
        status: series.cancelled || only.cancelledAt !== null ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      });
      return;
    }
    const cancelled = occurrences.filter((occurrence) => occurrence.cancelledAt !== null);
    const dayOrStamp = (at: Date) =>
      series.allDay
        ? DateTime.fromJSDate(at, { zone: series.timeZone }).toFormat('yyyyMMdd')
        : icsLocalStamp(at, series.timeZone);
    const exdates = cancelled.length
      ? `\nEXDATE${series.allDay ? ';VALUE=DATE' : `;TZID=${series.timeZone}`}:${cancelled
          .map((occurrence) => dayOrStamp(occurrence.originalStart))
          .join(',')}`
      : '';
    this.calendar.createEvent({
      ...base,
      ...details({}),
      start: DateTime.fromISO(series.start, { zone: series.timeZone }),
      end: DateTime.fromISO(series.end, { zone: series.timeZone }),
      repeating: `RRULE:${series.rrule}${exdates}`,
      status: series.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
    for (const occurrence of occurrences) {
      if (occurrence.cancelledAt !== null || (!occurrence.moved && Object.keys(occurrence.changes).length === 0))
        continue;
      this.calendar.createEvent({
        ...base,
        ...details(occurrence.changes),
        ...when(occurrence.startsAt, occurrence.endsAt),
        recurrenceId: DateTime.fromJSDate(occurrence.originalStart, { zone: series.timeZone }),
        status: ICalEventStatus.CONFIRMED,
      });
    }
  }

  toString(): string {
    return this.calendar.toString();
  }
}
