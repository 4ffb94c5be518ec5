import { cpus, totalmem } from 'node:os';

export interface Measurement {
  scenario: string;
  p50: number;
  p95: number;
  p99: number;
  requestsPerSecond: number;
  errors: number;
}

export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

/**
 * Runs `operation` from `concurrency` loops for `seconds` and measures each call: the floor of a scenario, the same
 * queries sent straight to PostgreSQL.
 */
export async function measureLoop(
  scenario: string,
  concurrency: number,
  seconds: number,
  operation: () => Promise<void>,
): Promise<Measurement> {
  const durations: number[] = [];
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        const before = performance.now();
        try {
          await operation();
          durations.push(performance.now() - before);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  durations.sort((a, b) => a - b);
  return {
    scenario,
    p50: percentile(durations, 0.5),
    p95: percentile(durations, 0.95),
    p99: percentile(durations, 0.99),
    requestsPerSecond: durations.length / elapsed,
    errors,
  };
}

export const machine = () =>
  `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;

export const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '—');
