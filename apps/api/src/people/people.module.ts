import { Module } from '@nestjs/common';

import { EventsModule } from '../events/events.module';
import { IdentityModule } from '../identity/identity.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { OutboxModule } from '../outbox/outbox.module';
import { SpacesModule } from '../spaces/spaces.module';
import { StorageModule } from '../storage/storage.module';
import { MeController } from './me.controller';
import { OrganizationPages } from './organization-pages';
import { PeopleController } from './people.controller';
import { PeopleService } from './people.service';
import { PeopleSearchModule } from './people-search.module';
import { PrivacyController } from './privacy.controller';
import { PrivacyService } from './privacy.service';

@Module({
  imports: [
    IdentityModule,
    SpacesModule,
    OutboxModule,
    StorageModule,
    OrganizationsModule,
    EventsModule,
    PeopleSearchModule,
  ],
  controllers: [MeController, PeopleController, PrivacyController],
  providers: [PeopleService, OrganizationPages, PrivacyService],
})
export class PeopleModule {}
