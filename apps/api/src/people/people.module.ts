import { Module } from '@nestjs/common';

import { IdentityModule } from '../identity/identity.module';
import { SpacesModule } from '../spaces/spaces.module';
import { MeController } from './me.controller';

@Module({
  imports: [IdentityModule, SpacesModule],
  controllers: [MeController],
})
export class PeopleModule {}
