import { Module } from '@nestjs/common';

import { IdentityModule } from '../identity/identity.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { OutboxModule } from '../outbox/outbox.module';
import { SpacesModule } from '../spaces/spaces.module';
import { StorageModule } from '../storage/storage.module';
import { MeController } from './me.controller';
import { OrganizationPages } from './organization-pages';
import { PeopleController } from './people.controller';
import { PeopleService } from './people.service';
import { PersonSearchSource } from './person-search-source';

@Module({
  imports: [IdentityModule, SpacesModule, OutboxModule, StorageModule, OrganizationsModule],
  controllers: [MeController, PeopleController],
  providers: [PersonSearchSource, PeopleService, OrganizationPages],
})
export class PeopleModule {}
