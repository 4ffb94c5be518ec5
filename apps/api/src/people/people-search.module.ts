import { Module } from '@nestjs/common';

import { PersonSearchSource } from './person-search-source';

/** People's part in search, apart so that the reindex command loads it without the rest of the module. */
@Module({ providers: [PersonSearchSource] })
export class PeopleSearchModule {}
