import { Module } from '@nestjs/common';

import { OutboxModule } from '../outbox/outbox.module';
import { EventSearchSource } from './event-search-source';
import { EventSearchSync } from './event-search-sync';

/** The events' part in search, apart so that the reindex command loads it without the rest of the events. */
@Module({ imports: [OutboxModule], providers: [EventSearchSync, EventSearchSource], exports: [EventSearchSync] })
export class EventSearchModule {}
