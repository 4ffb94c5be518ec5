import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';

/**
 * socket.io across several api processes: events emitted in one reach the sockets of every other through a Redis
 * stream (@socket.io/redis-streams-adapter), which survives a short Redis disconnection without losing packets.
 * Used when REDIS_URL is set; one process needs nothing.
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly client: ReturnType<typeof createClient>;

  constructor(
    app: INestApplicationContext,
    redisUrl: string,
    private readonly streamName = 'maillage:socket.io',
  ) {
    super(app);
    this.client = createClient({ url: redisUrl });
  }

  async connect(): Promise<void> {
    await this.client.connect();
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    server.adapter(createAdapter(this.client, { streamName: this.streamName }));
    return server;
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    if (this.client.isOpen) await this.client.quit();
  }
}
