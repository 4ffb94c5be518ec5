import { Module } from '@nestjs/common';

import { IdentityModule } from '../identity/identity.module';
import { SpacesModule } from '../spaces/spaces.module';
import { MeController } from './me.controller';
import { PersonSearchSource } from './person-search-source';

@Module({
  imports: [IdentityModule, SpacesModule],
  controllers: [MeController],
  providers: [PersonSearchSource],
})
export class PeopleModule {}
