import {
  type AttendeeList,
  type CalendarFeed,
  eventRoutes,
  type EventSeries,
  type OccurrenceDetail,
  type OccurrenceList,
  type RsvpResult,
} from '@maillage/contracts';
import { Controller, Res } from '@nestjs/common';
import type { Response } from 'express';

import { attachmentDisposition } from '../common/http/attachment';
import { Endpoint, Input, type InputOf } from '../common/http/endpoint';
import { CurrentViewer } from '../identity/current-viewer';
import type { Viewer } from '../identity/viewer';
import { CalendarService } from './calendar.service';
import { EventsService } from './events.service';
import { RsvpService } from './rsvp.service';

const sendFile = (response: Response, type: string, fileName: string | null, body: string): string => {
  response.setHeader('Content-Type', type);
  if (fileName) response.setHeader('Content-Disposition', attachmentDisposition(fileName));
  return body;
};

@Controller()
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly rsvps: RsvpService,
    private readonly calendar: CalendarService,
  ) {}

  @Endpoint(eventRoutes.list)
  list(@CurrentViewer() viewer: Viewer, @Input() { query }: InputOf<typeof eventRoutes.list>): Promise<OccurrenceList> {
    return this.events.list(viewer, query);
  }

  @Endpoint(eventRoutes.create)
  create(
    @CurrentViewer() viewer: Viewer,
    @Input() { body }: InputOf<typeof eventRoutes.create>,
  ): Promise<OccurrenceDetail> {
    return this.events.create(viewer, body);
  }

  @Endpoint(eventRoutes.get)
  get(@CurrentViewer() viewer: Viewer, @Input() { params }: InputOf<typeof eventRoutes.get>): Promise<EventSeries> {
    return this.events.series(viewer, params.id);
  }

  @Endpoint(eventRoutes.update)
  update(
    @CurrentViewer() viewer: Viewer,
    @Input() { params, body }: InputOf<typeof eventRoutes.update>,
  ): Promise<EventSeries> {
    return this.events.updateSeries(viewer, params.id, body);
  }

  @Endpoint(eventRoutes.cancel)
  cancel(@CurrentViewer() viewer: Viewer, @Input() { params }: InputOf<typeof eventRoutes.cancel>): Promise<void> {
    return this.events.cancelSeries(viewer, params.id);
  }

  @Endpoint(eventRoutes.getOccurrence)
  getOccurrence(
    @CurrentViewer() viewer: Viewer,
    @Input() { params }: InputOf<typeof eventRoutes.getOccurrence>,
  ): Promise<OccurrenceDetail> {
    return this.events.occurrence(viewer, params.id, params.occurrenceId);
  }

  @Endpoint(eventRoutes.updateOccurrence)
  updateOccurrence(
    @CurrentViewer() viewer: Viewer,
    @Input() { params, body }: InputOf<typeof eventRoutes.updateOccurrence>,
  ): Promise<OccurrenceDetail> {
    return this.events.updateOccurrence(viewer, params.id, params.occurrenceId, body);
  }

  @Endpoint(eventRoutes.rsvp)
  rsvp(
    @CurrentViewer() viewer: Viewer,
    @Input() { params, body }: InputOf<typeof eventRoutes.rsvp>,
  ): Promise<RsvpResult> {
    return this.rsvps.answer(viewer, params.id, body.status, body.occurrenceId);
  }

  @Endpoint(eventRoutes.attendees)
  attendees(
    @CurrentViewer() viewer: Viewer,
    @Input() { params }: InputOf<typeof eventRoutes.attendees>,
  ): Promise<AttendeeList> {
    return this.rsvps.attendees(viewer, params.id, params.occurrenceId);
  }

  @Endpoint(eventRoutes.attendeesCsv)
  async attendeesCsv(
    @CurrentViewer() viewer: Viewer,
    @Input() { params }: InputOf<typeof eventRoutes.attendeesCsv>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const { fileName, csv } = await this.rsvps.attendeesCsv(viewer, params.id, params.occurrenceId);
    return sendFile(response, 'text/csv; charset=utf-8', fileName, csv);
  }

  @Endpoint(eventRoutes.follow)
  follow(@CurrentViewer() viewer: Viewer, @Input() { params }: InputOf<typeof eventRoutes.follow>): Promise<void> {
    return this.events.follow(viewer, params.id, true);
  }

  @Endpoint(eventRoutes.unfollow)
  unfollow(@CurrentViewer() viewer: Viewer, @Input() { params }: InputOf<typeof eventRoutes.unfollow>): Promise<void> {
    return this.events.follow(viewer, params.id, false);
  }

  @Endpoint(eventRoutes.ics)
  async ics(
    @CurrentViewer() viewer: Viewer,
    @Input() { params }: InputOf<typeof eventRoutes.ics>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const { fileName, ics } = await this.calendar.eventIcs(viewer, params.id);
    return sendFile(response, 'text/calendar; charset=utf-8', fileName, ics);
  }

  @Endpoint(eventRoutes.feedStatus)
  feedStatus(@CurrentViewer() viewer: Viewer): Promise<CalendarFeed> {
    return this.calendar.feedStatus(viewer);
  }

  @Endpoint(eventRoutes.createFeed)
  createFeed(@CurrentViewer() viewer: Viewer): Promise<CalendarFeed> {
    return this.calendar.createFeed(viewer);
  }

  @Endpoint(eventRoutes.revokeFeed)
  revokeFeed(@CurrentViewer() viewer: Viewer): Promise<void> {
    return this.calendar.revokeFeed(viewer);
  }

  @Endpoint(eventRoutes.feed)
  async feed(
    @Input() { params }: InputOf<typeof eventRoutes.feed>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    return sendFile(response, 'text/calendar; charset=utf-8', null, await this.calendar.feed(params.token));
  }
}
