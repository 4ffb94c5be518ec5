import { Global, Module } from '@nestjs/common';

import { DatabaseChannels } from './database-channels';
import { PreparedStatements } from './prepared-statements';

@Global()
@Module({ providers: [PreparedStatements, DatabaseChannels], exports: [PreparedStatements, DatabaseChannels] })
export class DatabaseModule {}
