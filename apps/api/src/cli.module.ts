import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';

import { coreModules } from './app.module';
import type { AppConfig } from './config/app-config';
import { IdentityModule } from './identity/identity.module';
import { SeedModule } from './seed/seed.module';

/** What the administration tool needs: the database and the identity services, no HTTP server, no search. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return { module: CliModule, imports: [...coreModules(config, logger), IdentityModule, SeedModule] };
  }
}
