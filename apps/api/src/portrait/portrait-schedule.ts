import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';

import { LOGGER } from '../common/logger.provider';
import { AppConfig } from '../config/app-config';
import { PortraitRefresher } from './portrait-refresher';

/** How often each api process looks whether the figures are due (the refresh itself runs once per period). */
const CHECK_INTERVAL_MS = 60_000;

/** Keeps the portrait's figures at most PORTRAIT_REFRESH_MINUTES old, whatever the number of api processes. */
@Injectable()
export class PortraitSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly refresher: PortraitRefresher,
    private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.portraitRefreshMinutes;
    if (minutes === 0) return;
    this.timer = setInterval(() => void this.run(minutes), CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async run(minutes: number): Promise<void> {
    try {
      const started = Date.now();
      if (await this.refresher.refreshIfOlderThan(minutes))
        this.logger.info({ durationMs: Date.now() - started }, 'Portrait figures refreshed');
    } catch (error) {
      this.logger.error({ err: error }, 'Portrait refresh failed');
    }
  }
}
