import { Global, Module } from '@nestjs/common';

import { PreparedReader } from './prepared-reader';

@Global()
@Module({ providers: [PreparedReader], exports: [PreparedReader] })
export class DatabaseModule {}
