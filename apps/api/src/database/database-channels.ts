import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import type { Logger } from 'pino';

import { LOGGER } from '../common/logger.provider';
import { AppConfig } from '../config/app-config';

const RECONNECT_MS = 1_000;

/** What a process-local cache needs to hear from a PostgreSQL channel to stay right. */
export interface ChannelSubscriber {
  /** A NOTIFY on the channel, from any process, once its transaction committed. */
  notified(payload: string): void;
  /** The channel is heard from now on; anything cached before may have missed a notification. */
  heard(): void;
  /** The channel is no longer heard: nothing may be cached until `heard` again. */
  lost(): void;
}

/**
 * One LISTEN connection per api process for every channel that keeps a cache right across processes (session
 * revocations, access changes). While it is down, each subscriber is told so and stops caching; it reconnects every
 * second.
 */
@Injectable()
export class DatabaseChannels implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly subscribers = new Map<string, ChannelSubscriber>();
  private client?: Client;
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Before the application starts (a module's constructor or onModuleInit). */
  subscribe(channel: string, subscriber: ChannelSubscriber): void {
    if (!/^[a-z_]+$/.test(channel)) throw new Error(`Channel name ${channel} is not a plain identifier`);
    if (this.subscribers.has(channel)) throw new Error(`Channel ${channel} has two subscribers`);
    this.subscribers.set(channel, subscriber);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    for (const subscriber of this.subscribers.values()) subscriber.lost();
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped || this.subscribers.size === 0) return;
    const client = new Client({ connectionString: this.config.databaseUrl, application_name: 'maillage-channels' });
    const lost = (error?: unknown) => {
      if (this.client !== client) return;
      this.client = undefined;
      for (const subscriber of this.subscribers.values()) subscriber.lost();
      if (error) this.logger.warn({ err: error }, 'database channels lost; the caches they keep right are paused');
      client.end().catch(() => undefined);
      if (!this.stopped) this.retry = setTimeout(() => void this.connect(), RECONNECT_MS);
    };
    try {
      client.on('notification', (message) => this.subscribers.get(message.channel)?.notified(message.payload ?? ''));
      client.on('error', lost);
      client.on('end', () => lost());
      await client.connect();
      await client.query([...this.subscribers.keys()].map((channel) => `LISTEN ${channel};`).join(' '));
      this.client = client;
      for (const subscriber of this.subscribers.values()) subscriber.heard();
    } catch (error) {
      this.client = client;
      lost(error);
    }
  }
}
