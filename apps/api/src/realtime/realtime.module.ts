import { Module } from '@nestjs/common';

import { IdentityModule } from '../identity/identity.module';
import { AccessPolicy } from '../spaces/access-policy';
import { SpacesModule } from '../spaces/spaces.module';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimeService } from './realtime.service';

@Module({
  imports: [IdentityModule, SpacesModule],
  providers: [RealtimeGateway, RealtimeService],
  exports: [RealtimeService],
})
export class RealtimeModule {
  constructor(realtime: RealtimeService, access: AccessPolicy) {
    realtime.registerRoomKind('space', (viewer, id) => access.canSeeSpace(viewer, id));
  }
}
