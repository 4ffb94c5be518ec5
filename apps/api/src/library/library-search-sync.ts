import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { OutboxService } from '../outbox/outbox.service';
import { SEARCH_INDEX, type SearchSyncPayload } from '../search/search-events';

/** A library write enqueues its resource's search document in the write's transaction. */
@Injectable()
export class LibrarySearchSync {
  constructor(private readonly outbox: OutboxService) {}

  async resource(manager: EntityManager, resourceId: string): Promise<void> {
    const payload: SearchSyncPayload = { type: 'resource', id: resourceId };
    await this.outbox.enqueue(manager, SEARCH_INDEX, payload);
  }
}
