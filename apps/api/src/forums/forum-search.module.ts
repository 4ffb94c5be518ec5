import { Module } from '@nestjs/common';

import { OutboxModule } from '../outbox/outbox.module';
import { ForumSearchSources } from './forum-search-sources';
import { ForumSearchSync } from './forum-search-sync';

/** The forums' part in search, apart so that the reindex command loads it without the rest of the forums. */
@Module({ imports: [OutboxModule], providers: [ForumSearchSync, ForumSearchSources], exports: [ForumSearchSync] })
export class ForumSearchModule {}
