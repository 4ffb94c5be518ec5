import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { Client, Pool } from 'pg';

import { load } from '../lib/load';
import { root, signIn, startBenchPlatform } from '../lib/platform';
import { machine, measureLoop, type Measurement, ms, percentile } from '../lib/stats';
import { BENCH_EVENTS, BENCH_PASSWORD, FEED_EVENTS, generateEventData } from './generate';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = [1, 8];
const FEED_FETCHES = 40;

/** The calendar's own query text, loaded from the built api so that the floor runs exactly what the api runs. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { summarySql } = require(join(root, 'dist/apps/api/events/event-rows.js')) as {
  summarySql: (visible: string, where: string) => string;
};

/** The access rule as AccessPolicy writes it for a member ($1). */
const VISIBLE = `(e.space_id IN (SELECT id FROM spaces WHERE visibility = 'network')
  OR e.space_id IN (SELECT space_id FROM space_members WHERE user_id = $1))`;
const MONTH_SQL = `${summarySql(VISIBLE, 'o.starts_at >= $4 AND o.starts_at < $3 AND o.ends_at > $2')}
  ORDER BY o.starts_at, o.id LIMIT 2000`;

/** A month view's six weeks, starting on the Sunday on or before the 1st of a month within a year of today. */
function randomMonthView(): { from: string; to: string } {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 12 + Math.floor(Math.random() * 24), 1));
  const from = new Date(first.getTime() - first.getUTCDay() * 86_400_000);
  const to = new Date(from.getTime() + 42 * 86_400_000);
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

const instants = ({ from, to }: { from: string; to: string }) => {
  // Toronto midnight, close enough for a floor (the api converts the same days in the zone).
  const start = new Date(`${from}T05:00:00Z`);
  return [start, new Date(`${to}T05:00:00Z`), new Date(start.getTime() - 31 * 86_400_000)];
};

async function main(): Promise<void> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`Calendar benchmark — ${machine()}`);
  log('Starting the platform on the embedded default…');
  const { platform, dataDir } = await startBenchPlatform('events');
  const db = new Client({ connectionString: platform.databaseUrl });
  await db.connect();
  const pool = new Pool({ connectionString: platform.databaseUrl, max: 8 });
  try {
    log(`Loading ${BENCH_EVENTS} events…`);
    const data = await generateEventData(db, log);
    const headers = await signIn(platform.url, data.viewerEmail, BENCH_PASSWORD);

    const sample = randomMonthView();
    const [first, second, third] = instants(sample);
    const visibleRows = (await db.query(MONTH_SQL, [data.viewerId, first, second, third])).rowCount ?? 0;
    const plan = (await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${MONTH_SQL}`, [data.viewerId, first, second, third])).rows
      .map((row) => row['QUERY PLAN'] as string)
      .join('\n');

    const api: Measurement[] = [];
    const floor: Measurement[] = [];
    for (const connections of CONCURRENCY) {
      log(`Month view, ${connections} at a time, ${SECONDS} s through the api and straight to PostgreSQL…`);
      api.push(
        await load(`month view, c=${connections}`, {
          connections,
          seconds: SECONDS,
          url: platform.url,
          headers,
          path: () => {
            const { from, to } = randomMonthView();
            return `/api/v1/events?from=${from}&to=${to}`;
          },
        }),
      );
      floor.push(
        await measureLoop(`month view, c=${connections}`, connections, SECONDS, async () => {
          await pool.query(MONTH_SQL, [data.viewerId, ...instants(randomMonthView())]);
        }),
      );
    }

    log(`Feed of a member following ${FEED_EVENTS} events, ${FEED_FETCHES} fetches…`);
    const feed = await fetch(`${platform.url}/api/v1/me/calendar-feed`, { method: 'POST', headers });
    const { url: feedUrl } = (await feed.json()) as { url: string };
    const feedPath = new URL(feedUrl).pathname;
    const feedTimes: number[] = [];
    let feedBytes = 0;
    let feedEvents = 0;
    for (let index = 0; index < FEED_FETCHES; index += 1) {
      const started = performance.now();
      const text = await (await fetch(`${platform.url}${feedPath}`)).text();
      feedTimes.push(performance.now() - started);
      feedBytes = Buffer.byteLength(text);
      feedEvents = text.split('BEGIN:VEVENT').length - 1;
    }
    feedTimes.sort((a, b) => a - b);

    const row = (measurement: Measurement, floorOf?: Measurement) =>
      `| ${measurement.scenario} | ${ms(measurement.p50)} | ${ms(measurement.p95)} | ${ms(measurement.p99)} | ${measurement.requestsPerSecond.toFixed(0)} | ${measurement.errors} |${floorOf ? ` ${ms(floorOf.p95)} |` : ''}`;
    const report = `# Calendar benchmark

Run with \`npm run bench:events\` (BENCH_EVENTS to scale, BENCH_SECONDS per scenario, BENCH_KEEP to keep the data).
${machine()}, ${new Date().toISOString().slice(0, 10)}.

## Data
${BENCH_EVENTS.toLocaleString('en')} events over ten years in 41 spaces (40 group spaces, a third of them private, and the
regional space); one in ten repeats weekly 10 to 29 times, written out as the api writes occurrences:
${data.occurrences.toLocaleString('en')} occurrences. The viewer is a member of 3 private spaces. A month view asks for
six weeks; a sample one holds ${visibleRows} occurrences the viewer may see.

## Month view (GET /api/v1/events?from=&to=), a random month within a year of today

| scenario | p50 | p95 | p99 | req/s | errors | floor p95 |
| --- | --- | --- | --- | --- | --- | --- |
${api.map((measurement, index) => row(measurement, floor[index])).join('\n')}

The floor is the same SQL (loaded from the built api) sent straight to PostgreSQL through \`pg\`, without HTTP, the
session check or JSON.

## Feed generation (GET /api/v1/calendar/{token}.ics)

A member following ${FEED_EVENTS} events (a tenth of them weekly series): ${feedEvents} VEVENTs, ${(feedBytes / 1024).toFixed(0)} KiB,
fetched ${FEED_FETCHES} times one after another: p50 ${ms(percentile(feedTimes, 0.5))}, p95 ${ms(percentile(feedTimes, 0.95))}.

## Plan of the month query

\`\`\`
${plan}
\`\`\`
`;
    await writeFile(join(root, 'bench/events/REPORT.md'), report);
    log(report);
    log('Report written to bench/events/REPORT.md');
  } finally {
    await pool.end();
    await db.end();
    await platform.stop();
    if (process.env.BENCH_KEEP) log(`Data kept in ${dataDir}`);
    else await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
