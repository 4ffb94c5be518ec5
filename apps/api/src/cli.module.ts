import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';

import { coreModules } from './app.module';
import type { AppConfig } from './config/app-config';
import { IdentityModule } from './identity/identity.module';
import { SEARCH_SOURCE_MODULES } from './indexer.module';
import { LibraryModule } from './library/library.module';
import { PortraitAggregatesModule } from './portrait/portrait-aggregates.module';
import { SearchIndexingModule } from './search/search-indexing.module';
import { SeedModule } from './seed/seed.module';

/** What the administration tool needs: the database, the identity services and the portrait's aggregates; no HTTP server. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: CliModule,
      imports: [...coreModules(config, logger), IdentityModule, SeedModule, PortraitAggregatesModule],
    };
  }

  /** With the search indexer and every pillar's search source, for `reindex`. */
  static withSearch(config: AppConfig, logger: Logger): DynamicModule {
    const base = CliModule.forRoot(config, logger);
    return {
      ...base,
      imports: [...base.imports!, SearchIndexingModule.forConfig(config), ...SEARCH_SOURCE_MODULES],
    };
  }

  /** With the library too, for `import-resources`. */
  static withLibrary(config: AppConfig, logger: Logger): DynamicModule {
    const base = CliModule.withSearch(config, logger);
    return { ...base, imports: [...base.imports!, LibraryModule] };
  }
}
