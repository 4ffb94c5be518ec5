import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** The aggregates the portrait reads, refreshed together. */
const VIEWS = ['portrait_activity', 'portrait_search_misses'];
/** The advisory lock that keeps one refresh at a time across api processes and the admin tool. */
const REFRESH_LOCK = 0x706f72; // "por"

/**
 * Recomputes the portrait's materialized views from the pillars' tables. CONCURRENTLY keeps the pages reading the
 * previous figures while it runs, and one transaction makes the views and their time change together.
 */
@Injectable()
export class PortraitRefresher {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Refreshes now, after any refresh already running; returns when the figures are current. */
  async refresh(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [REFRESH_LOCK]);
      await this.refreshViews(manager);
    });
  }

  /**
   * Refreshes when the figures are older than `maxAgeMinutes` and no other process is refreshing; returns whether
   * it did.
   */
  refreshIfOlderThan(maxAgeMinutes: number): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [REFRESH_LOCK]);
      if (!locked) return false;
      const [due] = await manager.query(
        `SELECT 1 FROM (SELECT max(refreshed_at) AS at FROM portrait_refreshes) r
         WHERE r.at IS NULL OR r.at < now() - make_interval(mins => $1)`,
        [maxAgeMinutes],
      );
      if (!due) return false;
      await this.refreshViews(manager);
      return true;
    });
  }

  private async refreshViews(manager: EntityManager): Promise<void> {
    for (const view of VIEWS) await manager.query(`REFRESH MATERIALIZED VIEW CONCURRENTLY ${view}`);
    await manager.query(
      `INSERT INTO portrait_refreshes (id, refreshed_at) VALUES (true, now())
       ON CONFLICT (id) DO UPDATE SET refreshed_at = excluded.refreshed_at`,
    );
  }
}
