import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';

import { coreModules } from './app.module';
import { ChatSearchModule } from './chat/chat-search.module';
import type { AppConfig } from './config/app-config';
import { EventSearchModule } from './events/event-search.module';
import { ForumSearchModule } from './forums/forum-search.module';
import { IdentityModule } from './identity/identity.module';
import { LibraryModule } from './library/library.module';
import { LibrarySearchModule } from './library/library-search.module';
import { PeopleSearchModule } from './people/people-search.module';
import { PortraitAggregatesModule } from './portrait/portrait-aggregates.module';
import { SearchModule } from './search/search.module';
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

  /** With search and every pillar's search source, for `reindex`. */
  static withSearch(config: AppConfig, logger: Logger): DynamicModule {
    const base = CliModule.forRoot(config, logger);
    return {
      ...base,
      imports: [
        ...base.imports!,
        SearchModule.forConfig(config),
        PeopleSearchModule,
        ChatSearchModule,
        ForumSearchModule,
        EventSearchModule,
        LibrarySearchModule,
      ],
    };
  }

  /** With the library too, for `import-resources`. */
  static withLibrary(config: AppConfig, logger: Logger): DynamicModule {
    const base = CliModule.withSearch(config, logger);
    return { ...base, imports: [...base.imports!, LibraryModule] };
  }
}
