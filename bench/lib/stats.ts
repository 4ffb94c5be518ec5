import { readFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';

export interface Measurement {
  scenario: string;
  p50: number;
  p95: number;
  p99: number;
  requestsPerSecond: number;
  errors: number;
}

/** The response times of one run, its length and its failures. */
export interface Sample {
  times: number[];
  seconds: number;
  errors: number;
}

/** Percentiles over every response time of the runs together, throughput over their summed length. */
export function summarize(scenario: string, samples: Sample[]): Measurement {
  const times = samples.flatMap((one) => one.times).sort((a, b) => a - b);
  const seconds = samples.reduce((sum, one) => sum + one.seconds, 0);
  return {
    scenario,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    p99: percentile(times, 0.99),
    requestsPerSecond: times.length / seconds,
    errors: samples.reduce((sum, one) => sum + one.errors, 0),
  };
}

/**
 * Runs each side's round in turn, `rounds` times (api, floor, api, floor…): a slow spell of a shared virtual machine
 * then falls on both sides alike instead of deciding which one looks worse.
 */
async function alternating<Side extends string>(
  rounds: number,
  sides: Record<Side, () => Promise<Sample>>,
): Promise<Record<Side, Sample[]>> {
  const names = Object.keys(sides) as Side[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as Sample[]])) as Record<Side, Sample[]>;
  for (let round = 0; round < rounds; round += 1) for (const name of names) samples[name].push(await sides[name]());
  return samples;
}

/**
 * The api's rounds and its floor's in turn (`alternating`), with any other side between them (a bare hop), and the CPU
 * per request of each side whose process is given, over its rounds: what the api itself costs on a machine it shares
 * with the floor.
 */
export async function besideFloor<Other extends string = never>(
  rounds: number,
  pids: { api: number } & Partial<Record<Other, number>>,
  sides: Record<'api' | 'floor' | Other, () => Promise<Sample>>,
): Promise<{ samples: Record<'api' | 'floor' | Other, Sample[]>; cpuPerRequest: Record<string, number> }> {
  const cpu: Record<string, number> = {};
  const measured = Object.fromEntries(
    Object.entries<() => Promise<Sample>>(sides).map(([side, run]) => {
      const pid = (pids as Record<string, number | undefined>)[side];
      if (pid === undefined) return [side, run];
      return [
        side,
        async () => {
          const before = await cpuSeconds(pid);
          const one = await run();
          cpu[side] = (cpu[side] ?? 0) + (await cpuSeconds(pid)) - before;
          return one;
        },
      ];
    }),
  ) as Record<'api' | 'floor' | Other, () => Promise<Sample>>;
  const samples = await alternating(rounds, measured);
  const cpuPerRequest = Object.fromEntries(
    Object.entries(cpu).map(([side, seconds]) => [
      side,
      seconds / (samples as Record<string, Sample[]>)[side]!.reduce((sum, one) => sum + one.times.length, 0),
    ]),
  );
  return { samples, cpuPerRequest };
}

/** One line per scenario and side, as a run goes. */
export function logMeasurements(log: (line: string) => void, sides: Record<string, Measurement[]>): void {
  for (const [label, rows] of Object.entries(sides))
    for (const row of rows)
      log(
        `  ${label} ${row.scenario}: p50 ${ms(row.p50)} ms, p95 ${ms(row.p95)} ms, p99 ${ms(row.p99)} ms, ` +
          `${row.requestsPerSecond.toFixed(0)} req/s, ${row.errors} errors`,
      );
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
  return summarize(scenario, [await sampleLoop(concurrency, seconds, operation)]);
}

/** `measureLoop`'s calls, unranked: runs of one scenario can be pooled (`summarize`). */
export async function sampleLoop(
  concurrency: number,
  seconds: number,
  operation: () => Promise<unknown>,
): Promise<Sample> {
  const times: number[] = [];
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        const before = performance.now();
        try {
          await operation();
          times.push(performance.now() - before);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  return { times, seconds: (performance.now() - started) / 1000, errors };
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
async function cpuSeconds(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export const machine = () =>
  `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;

export const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '—');
