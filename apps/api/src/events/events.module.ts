import { Module } from '@nestjs/common';

import { IdentityModule } from '../identity/identity.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutboxModule } from '../outbox/outbox.module';
import { SpacesModule } from '../spaces/spaces.module';
import { CalendarService } from './calendar.service';
import { DemoEvents } from './demo-events';
import { EventNotices } from './event-notices';
import { EventReminders } from './event-reminders';
import { EventSearchModule } from './event-search.module';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';
import { RsvpService } from './rsvp.service';

@Module({
  imports: [IdentityModule, SpacesModule, OutboxModule, NotificationsModule, EventSearchModule],
  controllers: [EventsController],
  providers: [EventsService, RsvpService, EventNotices, EventReminders, CalendarService, DemoEvents],
  exports: [EventsService, RsvpService, EventReminders, DemoEvents],
})
export class EventsModule {}
