import { type DynamicModule, Module } from '@nestjs/common';

import type { AppConfig } from '../config/app-config';
import { OutboxModule } from '../outbox/outbox.module';
import { SearchEngine } from './search-engine';
import { SearchIndexer } from './search-indexer';

/**
 * Meilisearch and the indexer that pillars give their SearchSource to: what the api, the indexer thread and the
 * administration tool share. Global, so that a pillar's search module reaches the indexer without importing this one.
 */
@Module({})
export class SearchIndexingModule {
  static forConfig(config: AppConfig): DynamicModule {
    const engine = new SearchEngine(config.meiliUrl ?? '', config.meiliMasterKey ?? '', config.meiliIndexPrefix);
    return {
      module: SearchIndexingModule,
      global: true,
      imports: [OutboxModule],
      providers: [{ provide: SearchEngine, useValue: engine }, SearchIndexer],
      exports: [SearchEngine, SearchIndexer],
    };
  }
}
