import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { OutboxService } from '../outbox/outbox.service';
import { SEARCH_INDEX, type SearchSyncPayload } from '../search/search-events';

/** An event write enqueues its search document in the write's transaction: one document per series. */
@Injectable()
export class EventSearchSync {
  constructor(private readonly outbox: OutboxService) {}

  async event(manager: EntityManager, eventId: string): Promise<void> {
    const payload: SearchSyncPayload = { type: 'event', id: eventId };
    await this.outbox.enqueue(manager, SEARCH_INDEX, payload);
  }
}
