import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

import { Client } from 'pg';

import { load } from '../lib/load';
import { root, signIn, startBenchPlatform } from '../lib/platform';
import { plansSection, saveReport } from '../lib/report';
import { machine, type Measurement, ms } from '../lib/stats';
import {
  BENCH_DOWNLOADS,
  BENCH_EVENTS,
  BENCH_MEMBERS,
  BENCH_MESSAGES,
  BENCH_PASSWORD,
  BENCH_POSTS,
  BENCH_RESOURCES,
  BENCH_SEARCH_MISSES,
  BENCH_TOPICS,
  generatePortraitData,
  PRIVATE_GROUPS,
  READERS,
} from './generate';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCIES = [1, 10];
/** First views per concurrency: together fewer than the readers, so that none asks a page twice. */
const FIRST_VIEWS: Record<number, number> = { 1: 400, 10: 1_000 };

type Result = Measurement & { connections: number; view: 'first view' | 'again' };
const TARGET_P95_MS = 50;

/** The administration tool's refresh, run against the platform's own embedded services, timed. */
function refreshThroughAdminTool(dataDir: string): Promise<number> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'dist/apps/api/cli.js'), 'refresh-portrait'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('exit', (code) =>
      code === 0 ? resolve(Date.now() - started) : reject(new Error(`refresh-portrait exited with ${code}`)),
    );
  });
}

async function main(): Promise<void> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`Portrait benchmark — ${machine()}`);
  log('Starting the platform on the embedded default…');
  const { platform, dataDir } = await startBenchPlatform('portrait', { PORTRAIT_REFRESH_MINUTES: '0' });
  const db = new Client({ connectionString: platform.databaseUrl });
  await db.connect();
  try {
    log('Loading one year of activity…');
    const readers = await generatePortraitData(db, log);
    log('Computing the aggregates (npm run admin -- refresh-portrait)…');
    const refreshMs = await refreshThroughAdminTool(dataDir);
    log(`  ${(refreshMs / 1000).toFixed(1)} s, including the tool's start`);
    const sizes: Record<string, number> = {};
    for (const view of ['portrait_activity', 'portrait_search_misses']) {
      sizes[view] = (await db.query(`SELECT count(*)::int AS n FROM ${view}`)).rows[0].n;
    }
    log(
      `  rows: ${Object.entries(sizes)
        .map(([view, n]) => `${view} ${n}`)
        .join(', ')}`,
    );

    const admin = await signIn(platform.url, 'banc1@banc.maillage', BENCH_PASSWORD);
    const [{ mrc }] = (await db.query(`SELECT min(mrc_code) AS mrc FROM organizations WHERE kind = 'mrc'`)).rows;
    const year = new Date().getFullYear();
    const period = `from=${year - 1}-12&to=${year}-11`;
    const compared = `${period}&compareFrom=${year - 2}-12&compareTo=${year - 1}-11`;
    const pages: [string, string][] = [
      ['network overview', `/api/v1/portrait?${period}`],
      ['network overview compared with the year before', `/api/v1/portrait?${compared}`],
      [`MRC page (${mrc})`, `/api/v1/portrait/mrc/${mrc}?${period}`],
      ['volet page (2)', `/api/v1/portrait/volets/2?${period}`],
    ];
    const results: Result[] = [];
    const report = (row: Result) => {
      results.push(row);
      log(
        `  ${row.view}, c=${row.connections}, ${row.scenario}: p50 ${ms(row.p50)} ms, p95 ${ms(row.p95)} ms, p99 ${ms(row.p99)} ms, ${row.requestsPerSecond.toFixed(0)} req/s, ${row.errors} errors`,
      );
    };
    log('First views: each request by a reader who has not seen the page (own spaces, so nothing cached)…');
    for (const [scenario, path] of pages) {
      let nextReader = 0;
      for (const connections of CONCURRENCIES) {
        const row = await load(scenario, {
          connections,
          seconds: 60,
          amount: FIRST_VIEWS[connections]!,
          url: platform.url,
          headers: {},
          path: () => path,
          requestHeaders: () => ({ cookie: readers[nextReader++]! }),
        });
        report({ ...row, connections, view: 'first view' });
      }
    }
    log('Views again: one administrator asking the same page…');
    for (const [scenario, path] of [...pages, ['CSV of the MRC table', `/api/v1/portrait/tables/mrcs.csv?${period}`]]) {
      for (const connections of CONCURRENCIES) {
        const row = await load(scenario!, {
          connections,
          seconds: SECONDS,
          url: platform.url,
          headers: admin,
          path: () => path!,
        });
        report({ ...row, connections, view: 'again' });
      }
    }

    const plans: Record<string, string> = {};
    const [{ id: memberId }] = (await db.query(`SELECT id FROM users WHERE email = 'lecteur1023@banc.maillage'`)).rows;
    const monthBounds = [`${new Date().getFullYear() - 1}-12-01`, `${new Date().getFullYear()}-11-01`];
    const visible = `(a.space_id IN (SELECT id FROM spaces WHERE visibility = 'network') OR a.space_id IN (SELECT space_id FROM space_members WHERE user_id = $3))`;
    for (const [name, sql] of [
      [
        'activity and active members, every grouping set (member)',
        `WITH v AS (
           SELECT a.month, a.organization_id, a.volet, sum(a.topics) AS topics, sum(a.replies) AS replies,
                  bit_or(a.members) AS members
           FROM portrait_activity a
           WHERE a.month BETWEEN $1::date AND $2::date AND ${visible}
           GROUP BY a.month, a.organization_id, a.volet)
         SELECT v.month, o.mrc_code, v.volet, v.organization_id, sum(v.topics), sum(v.replies),
                bit_count(bit_or(v.members))
         FROM v LEFT JOIN organizations o ON o.id = v.organization_id
         GROUP BY GROUPING SETS ((v.month), (o.mrc_code), (v.volet), (v.organization_id), ())`,
      ],
    ] as const) {
      const { rows } = await db.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${sql}`, [
        ...monthBounds,
        memberId,
      ]);
      plans[name] = rows.map((row) => row['QUERY PLAN']).join('\n');
    }
    await writeReport(results, refreshMs, sizes, plans);
    log('Report written to bench/portrait/REPORT.md');
  } finally {
    await db.end();
    if (process.env.BENCH_KEEP) {
      log(`Kept running for inspection: ${platform.url}, ${platform.databaseUrl} (data ${dataDir})`);
    } else {
      await platform.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }
}

async function writeReport(
  results: Result[],
  refreshMs: number,
  sizes: Record<string, number>,
  plans: Record<string, string>,
): Promise<void> {
  const table = results
    .map(
      (row) =>
        `| ${row.view} | ${row.connections} | ${row.scenario} | ${ms(row.p50)} | ${ms(row.p95)} | ${ms(row.p99)} | ${row.requestsPerSecond.toFixed(0)} | ${row.errors} | ${row.p95 <= TARGET_P95_MS ? '✅' : '❌'} |`,
    )
    .join('\n');
  const report = `# Portrait benchmark

Generated by \`npm run bench:portrait\` on ${new Date().toISOString().slice(0, 10)} — ${machine()}.

Data, bulk-loaded into the embedded PostgreSQL of a platform started as \`npm start\` does, dated across the past
twelve months: ${BENCH_MEMBERS.toLocaleString('en')} members over every organization, ${BENCH_TOPICS.toLocaleString('en')} topics and
${BENCH_POSTS.toLocaleString('en')} posts, ${BENCH_MESSAGES.toLocaleString('en')} chat messages, ${BENCH_RESOURCES.toLocaleString('en')} resources and
${BENCH_DOWNLOADS.toLocaleString('en')} downloads, ${BENCH_EVENTS} events with their attendance, ${BENCH_SEARCH_MISSES.toLocaleString('en')} searches without
results. The aggregates were then computed once by \`npm run admin -- refresh-portrait\`: **${(refreshMs / 1000).toFixed(1)} s**
including the tool's start (the api refreshes them every PORTRAIT_REFRESH_MINUTES in the background, CONCURRENTLY:
pages keep reading the previous figures meanwhile).

| materialized view | rows |
| --- | --- |
${Object.entries(sizes)
  .map(([view, n]) => `| ${view} | ${n.toLocaleString('en')} |`)
  .join('\n')}

Load: autocannon, one period of twelve months. **First views**: each request comes from another of ${READERS.toLocaleString('en')} readers of
the Comité directeur, each in its own combination of ${PRIVATE_GROUPS} private groups — so each sees different figures
through the access policy and nothing is cached (${FIRST_VIEWS[1]} requests at 1 connection, ${FIRST_VIEWS[10]} at 10).
**Again**: an administrator asks the same page for ${SECONDS} s — the api keeps a page until the aggregates are next
refreshed, per set of visible spaces. Target: p95 ≤ ${TARGET_P95_MS} ms served from the aggregates.

| view | connections | scenario | p50 ms | p95 ms | p99 ms | req/s | errors | p95 ≤ ${TARGET_P95_MS} ms |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${table}

${plansSection(plans)}`;
  await saveReport('portrait', report, { results, refreshMs, sizes, plans });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
