import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';

import { LOGGER } from '../common/logger.provider';
import { AppConfig } from './app-config';

/** Makes the validated configuration and the shared logger injectable everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: LOGGER, useValue: logger },
      ],
      exports: [AppConfig, LOGGER],
    };
  }
}
