import { type DynamicModule, Module } from '@nestjs/common';

import { SearchEngine } from './search-engine';

@Module({})
export class SearchModule {
  static forEngine(url: string, apiKey: string): DynamicModule {
    return {
      module: SearchModule,
      global: true,
      providers: [{ provide: SearchEngine, useValue: new SearchEngine(url, apiKey) }],
      exports: [SearchEngine],
    };
  }
}
