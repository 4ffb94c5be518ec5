import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { IdentityModule } from '../identity/identity.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { AccessPolicy } from './access-policy';
import { SpaceEntity } from './entities/space.entity';
import { SpaceMemberEntity } from './entities/space-member.entity';
import { SpaceEvents } from './space-events';
import { SpacesController } from './spaces.controller';
import { SpacesService } from './spaces.service';

@Module({
  imports: [TypeOrmModule.forFeature([SpaceEntity, SpaceMemberEntity]), IdentityModule, OrganizationsModule],
  controllers: [SpacesController],
  providers: [SpacesService, AccessPolicy, SpaceEvents],
  exports: [SpacesService, AccessPolicy, SpaceEvents],
})
export class SpacesModule {}
