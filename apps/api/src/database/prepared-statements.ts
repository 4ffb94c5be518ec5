import { createHash } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';

/**
 * Statements on the hot paths (session lookup, forum lists and pages, a chat message's send) as named prepared
 * statements: PostgreSQL plans each distinct text once per connection instead of on every call, which measured at about
 * a millisecond per query on the forum's joins (bench/forums) and 0.7 ms on a message's send (bench/chat). Statements
 * are named by a hash of their text, so any query can go through here; the texts come from a few templates, which
 * bounds how many each connection keeps. Each runs on its own (a write commits by itself): not for use inside a
 * transaction.
 */
@Injectable()
export class PreparedStatements {
  private readonly names = new Map<string, string>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async rows<T>(text: string, values: unknown[] = []): Promise<T[]> {
    let name = this.names.get(text);
    if (!name) {
      name = `m${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
      this.names.set(text, name);
    }
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const result = await pool.query({ name, text, values });
    return result.rows as T[];
  }

  /** Runs a TypeORM query builder's SQL as a prepared statement. */
  async raw<T>(builder: SelectQueryBuilder<ObjectLiteral>): Promise<T[]> {
    const [text, values] = builder.getQueryAndParameters();
    return this.rows<T>(text, values);
  }
}
