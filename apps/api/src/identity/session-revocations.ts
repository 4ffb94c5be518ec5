import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import type { Logger } from 'pino';

import { LOGGER } from '../common/logger.provider';
import { AppConfig } from '../config/app-config';
import { SESSION_REVOCATIONS, SessionsService } from './sessions.service';

const RECONNECT_MS = 1_000;

/**
 * Listens on PostgreSQL for session revocations from any process (api replicas, the admin tool) and evicts them from
 * this process's session cache. The cache is only used while the listener is connected.
 */
@Injectable()
export class SessionRevocations implements OnApplicationBootstrap, OnApplicationShutdown {
  private client?: Client;
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly sessions: SessionsService,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    this.sessions.cacheEnabled = false;
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'maillage-session-revocations',
    });
    const lost = (error?: unknown) => {
      if (this.client !== client) return;
      this.client = undefined;
      this.sessions.cacheEnabled = false;
      this.sessions.forgetAll();
      if (error) this.logger.warn({ err: error }, 'session revocation channel lost; caching sessions paused');
      client.end().catch(() => undefined);
      if (!this.stopped) this.retry = setTimeout(() => void this.connect(), RECONNECT_MS);
    };
    try {
      client.on('notification', (message) => {
        if (message.channel === SESSION_REVOCATIONS && message.payload) this.sessions.forgetUser(message.payload);
      });
      client.on('error', lost);
      client.on('end', () => lost());
      await client.connect();
      await client.query(`LISTEN ${SESSION_REVOCATIONS}`);
      this.client = client;
      this.sessions.forgetAll();
      this.sessions.cacheEnabled = true;
    } catch (error) {
      this.client = client;
      lost(error);
    }
  }
}
