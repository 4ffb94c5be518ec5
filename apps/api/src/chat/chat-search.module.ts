import { Module } from '@nestjs/common';

import { MessageSearchSource } from './message-search-source';

/** The chat's part in search, apart so that the reindex command loads it without the rest of the chat. */
@Module({ providers: [MessageSearchSource] })
export class ChatSearchModule {}
