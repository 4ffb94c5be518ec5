import { Module } from '@nestjs/common';

import { SpacesModule } from '../spaces/spaces.module';
import { PortraitController } from './portrait.controller';
import { PortraitService } from './portrait.service';
import { PortraitAggregatesModule } from './portrait-aggregates.module';
import { PortraitSchedule } from './portrait-schedule';

/** The network portrait: activity per MRC, volet, organization and month, for the agreement's governance. */
@Module({
  imports: [SpacesModule, PortraitAggregatesModule],
  controllers: [PortraitController],
  providers: [PortraitService, PortraitSchedule],
})
export class PortraitModule {}
