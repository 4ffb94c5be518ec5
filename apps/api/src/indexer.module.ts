import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';

import { ChatSearchModule } from './chat/chat-search.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source';
import { DatabaseModule } from './database/database.module';
import { EventSearchModule } from './events/event-search.module';
import { ForumSearchModule } from './forums/forum-search.module';
import { LibrarySearchModule } from './library/library-search.module';
import { OutboxModule } from './outbox/outbox.module';
import { PeopleSearchModule } from './people/people-search.module';
import { SearchIndexingModule } from './search/search-indexing.module';
import { SearchOutboxHandler } from './search/search-outbox-handler';

/** Every pillar's search source: what turns database rows into search documents. */
export const SEARCH_SOURCE_MODULES = [
  PeopleSearchModule,
  ChatSearchModule,
  ForumSearchModule,
  EventSearchModule,
  LibrarySearchModule,
];

/**
 * Connections of the indexer thread: its three lanes (one batch each, the writer lock lets one read at a time), the
 * outbox's claims, and a spare.
 */
const INDEXER_POOL_SIZE = 6;

/**
 * What the indexer thread runs (indexer-thread.ts): the database, the outbox and search indexing, nothing that serves
 * members. Its outbox worker claims only search indexing events, the one kind registered here; the api's own worker
 * keeps the others (mail, notifications), which need its sockets and its process.
 */
@Module({})
export class IndexerModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    if (!config.databaseUrl) throw new Error('The database address must be known before the indexer starts');
    return {
      module: IndexerModule,
      imports: [
        ConfigModule.forRoot(config, logger),
        TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl, 'maillage-indexer', INDEXER_POOL_SIZE)),
        DatabaseModule,
        OutboxModule,
        SearchIndexingModule.forConfig(config),
        ...SEARCH_SOURCE_MODULES,
      ],
      providers: [SearchOutboxHandler],
    };
  }
}
