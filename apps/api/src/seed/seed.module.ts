import { Module } from '@nestjs/common';

import { IdentityModule } from '../identity/identity.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { SpacesModule } from '../spaces/spaces.module';
import { SeedService } from './seed.service';

@Module({
  imports: [OrganizationsModule, IdentityModule, SpacesModule],
  providers: [SeedService],
  exports: [SeedService],
})
export class SeedModule {}
