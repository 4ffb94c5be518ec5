import type { Client } from 'pg';

/** A bulk-load step runner: runs one statement and prints its rows and time under `label`. */
export function timedSteps(db: Client, log: (line: string) => void) {
  return async (label: string, sql: string, params: unknown[] = []): Promise<void> => {
    const started = Date.now();
    const result = await db.query(sql, params);
    log(`  ${label}: ${result.rowCount ?? 0} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
}
