import { existsSync } from 'node:fs';

import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';

import { AuditModule } from './audit/audit.module';
import { ChatModule } from './chat/chat.module';
import { CsrfGuard } from './common/http/csrf';
import { ContractInputGuard } from './common/http/endpoint';
import { ProblemDetailsFilter } from './common/http/problem-details.filter';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source';
import { DatabaseModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { ForumsModule } from './forums/forums.module';
import { HealthModule } from './health/health.module';
import { AuthGuard } from './identity/auth.guard';
import { IdentityModule } from './identity/identity.module';
import { LibraryModule } from './library/library.module';
import { MailModule } from './mail/mail.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { OutboxModule } from './outbox/outbox.module';
import { PeopleModule } from './people/people.module';
import { PortraitModule } from './portrait/portrait.module';
import { RealtimeModule } from './realtime/realtime.module';
import { SearchModule } from './search/search.module';
import { SeedModule } from './seed/seed.module';
import { SpacesModule } from './spaces/spaces.module';

/** Services every entry point needs: configuration, logger, database, outbox and mail. */
export function coreModules(config: AppConfig, logger: Logger) {
  if (!config.databaseUrl) throw new Error('The database address must be known before the api modules load');
  return [
    ConfigModule.forRoot(config, logger),
    TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl, 'maillage-api', config.databasePoolSize)),
    DatabaseModule,
    OutboxModule,
    AuditModule,
    MailModule.forConfig(config),
  ];
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    const webClient = existsSync(config.webDist)
      ? [ServeStaticModule.forRoot({ rootPath: config.webDist, exclude: ['/api/{*path}'] })]
      : [];
    return {
      module: AppModule,
      imports: [
        ...coreModules(config, logger),
        SearchModule.forConfig(config),
        OrganizationsModule,
        IdentityModule,
        SpacesModule,
        PeopleModule,
        ForumsModule,
        EventsModule,
        LibraryModule,
        PortraitModule,
        ChatModule,
        NotificationsModule,
        RealtimeModule,
        HealthModule,
        SeedModule,
        ...webClient,
      ],
      providers: [
        { provide: APP_GUARD, useClass: CsrfGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: ContractInputGuard },
        { provide: APP_FILTER, useFactory: () => new ProblemDetailsFilter(logger) },
      ],
    };
  }
}
