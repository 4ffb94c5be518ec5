import { Module } from '@nestjs/common';

import { OutboxModule } from '../outbox/outbox.module';
import { LibrarySearchSource } from './library-search-source';
import { LibrarySearchSync } from './library-search-sync';

/** The library's part in search, apart so that the reindex command loads it without the rest of the library. */
@Module({ imports: [OutboxModule], providers: [LibrarySearchSync, LibrarySearchSource], exports: [LibrarySearchSync] })
export class LibrarySearchModule {}
