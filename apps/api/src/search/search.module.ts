import { type DynamicModule, Module } from '@nestjs/common';

import type { AppConfig } from '../config/app-config';
import { OutboxModule } from '../outbox/outbox.module';
import { SpacesModule } from '../spaces/spaces.module';
import { DemoSearchMisses } from './demo-search-misses';
import { SearchController } from './search.controller';
import { SearchService } from './search.service';
import { SearchAvailability } from './search-availability';
import { SearchEngine } from './search-engine';
import { SearchIndexer } from './search-indexer';

/**
 * Search over every pillar: the engine, the indexer that pillars give their SearchSource to, and the search api.
 * Global, so that a pillar's search module reaches the indexer without importing this one.
 */
@Module({})
export class SearchModule {
  static forConfig(config: AppConfig): DynamicModule {
    const engine = new SearchEngine(config.meiliUrl ?? '', config.meiliMasterKey ?? '', config.meiliIndexPrefix);
    return {
      module: SearchModule,
      global: true,
      imports: [OutboxModule, SpacesModule],
      controllers: [SearchController],
      providers: [
        { provide: SearchEngine, useValue: engine },
        SearchIndexer,
        SearchService,
        SearchAvailability,
        DemoSearchMisses,
      ],
      exports: [SearchEngine, SearchIndexer, DemoSearchMisses],
    };
  }
}
