import { type DynamicModule, Module } from '@nestjs/common';

import type { AppConfig } from '../config/app-config';
import { OutboxModule } from '../outbox/outbox.module';
import { SpacesModule } from '../spaces/spaces.module';
import { DemoSearchMisses } from './demo-search-misses';
import { SearchController } from './search.controller';
import { SearchService } from './search.service';
import { SearchAvailability } from './search-availability';
import { SearchIndexerThread } from './search-indexer-thread';
import { SearchIndexingModule } from './search-indexing.module';
import { SearchOutboxHandler } from './search-outbox-handler';

/**
 * Search as the api serves it: the search endpoints, Meilisearch's availability, and the indexing of every pillar's
 * documents — in a worker thread (SEARCH_INDEXING=thread, the default) or on the api's own event loop (inline).
 */
@Module({})
export class SearchModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: SearchModule,
      imports: [SearchIndexingModule.forConfig(config), OutboxModule, SpacesModule],
      controllers: [SearchController],
      providers: [
        SearchService,
        SearchAvailability,
        DemoSearchMisses,
        config.searchIndexing === 'inline' ? SearchOutboxHandler : SearchIndexerThread,
      ],
      exports: [DemoSearchMisses],
    };
  }
}
