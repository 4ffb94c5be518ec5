import { type Health, healthRoute } from '@maillage/contracts';
import { Controller, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';

import { Endpoint } from '../common/http/endpoint';
import { OutboxService } from '../outbox/outbox.service';
import { SearchEngine } from '../search/search-engine';

/** 200 while the database answers (search down is `degraded`, the app still works); 503 without the database. */
@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly search: SearchEngine,
    private readonly outbox: OutboxService,
  ) {}

  @Endpoint(healthRoute)
  async health(@Res({ passthrough: true }) response: Response): Promise<Health> {
    const [databaseUp, searchUp] = await Promise.all([
      this.dataSource.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      this.search.isHealthy(),
    ]);
    const backlog = databaseUp ? await this.outbox.backlog() : { pending: 0, failing: 0, oldestPendingAt: null };
    if (!databaseUp) response.status(503);
    response.setHeader('Cache-Control', 'no-store');
    return {
      status: databaseUp && searchUp ? 'ok' : 'degraded',
      database: { status: databaseUp ? 'up' : 'down' },
      search: { status: searchUp ? 'up' : 'down' },
      outbox: { ...backlog, oldestPendingAt: backlog.oldestPendingAt?.toISOString() ?? null },
    };
  }
}
