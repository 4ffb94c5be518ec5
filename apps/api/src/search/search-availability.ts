import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';

import { LOGGER } from '../common/logger.provider';
import { OutboxService } from '../outbox/outbox.service';
import { SearchEngine } from './search-engine';
import { SEARCH_INDEX } from './search-events';

const CHECK_INTERVAL_MS = 5000;

/**
 * Watches Meilisearch. When it comes back after an outage, the indexing events that piled up are made due at once
 * instead of each waiting out its backoff: search catches up within seconds of the engine's return.
 */
@Injectable()
export class SearchAvailability implements OnApplicationBootstrap, OnApplicationShutdown {
  private up = true;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly engine: SearchEngine,
    private readonly outbox: OutboxService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.check(), CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One look at Meilisearch; returns whether it answers. */
  async check(): Promise<boolean> {
    const up = await this.engine.isHealthy();
    if (up && !this.up) {
      const released = await this.outbox.retryNow([SEARCH_INDEX]).catch(() => 0);
      this.logger.info({ released }, 'Meilisearch is back; indexing resumes');
    } else if (!up && this.up) this.logger.warn('Meilisearch does not answer; indexing waits in the outbox');
    this.up = up;
    return up;
  }
}
