import { Module } from '@nestjs/common';

import { PortraitRefresher } from './portrait-refresher';

/** The portrait's aggregates, for the api's schedule and the administration tool alike. */
@Module({ providers: [PortraitRefresher], exports: [PortraitRefresher] })
export class PortraitAggregatesModule {}
