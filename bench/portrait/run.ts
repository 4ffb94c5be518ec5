import { spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { Client } from 'pg';

import { load } from '../lib/load';
import { root, signIn, startBenchPlatform } from '../lib/platform';
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
} from './generate';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCIES = [1, 10];
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
    await generatePortraitData(db, log);
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
    const member = await signIn(platform.url, 'banc2@banc.maillage', BENCH_PASSWORD);
    const [{ mrc }] = (await db.query(`SELECT min(mrc_code) AS mrc FROM organizations WHERE kind = 'mrc'`)).rows;
    const year = `from=${new Date().getFullYear() - 1}-12&to=${new Date().getFullYear()}-11`;
    const scenarios: [string, Record<string, string>, string][] = [
      ['network overview (administrator)', admin, `/api/v1/portrait?${year}`],
      ['network overview (member: network spaces and own committees)', member, `/api/v1/portrait?${year}`],
      [
        'network overview compared with the year before',
        admin,
        `/api/v1/portrait?${year}&compareFrom=${new Date().getFullYear() - 2}-12&compareTo=${new Date().getFullYear() - 1}-11`,
      ],
      [`MRC page (${mrc})`, admin, `/api/v1/portrait/mrc/${mrc}?${year}`],
      ['volet page (2)', admin, `/api/v1/portrait/volets/2?${year}`],
      ['CSV of the MRC table', admin, `/api/v1/portrait/tables/mrcs.csv?${year}`],
    ];
    const results: (Measurement & { connections: number })[] = [];
    for (const connections of CONCURRENCIES) {
      for (const [scenario, headers, path] of scenarios) {
        const row = await load(scenario, {
          connections,
          seconds: SECONDS,
          url: platform.url,
          headers,
          path: () => path,
        });
        results.push({ ...row, connections });
        log(
          `  c=${connections} ${scenario}: p50 ${ms(row.p50)} ms, p95 ${ms(row.p95)} ms, p99 ${ms(row.p99)} ms, ${row.requestsPerSecond.toFixed(0)} req/s, ${row.errors} errors`,
        );
      }
    }

    const plans: Record<string, string> = {};
    const [{ id: memberId }] = (await db.query(`SELECT id FROM users WHERE email = 'banc2@banc.maillage'`)).rows;
    const monthBounds = [`${new Date().getFullYear() - 1}-12-01`, `${new Date().getFullYear()}-11-01`];
    const visible = `(a.space_id IN (SELECT id FROM spaces WHERE visibility = 'network') OR a.space_id IN (SELECT space_id FROM space_members WHERE user_id = $3))`;
    for (const [name, sql] of [
      [
        'activity and active members, every grouping set (member)',
        `SELECT a.month, o.mrc_code, a.volet, a.organization_id, sum(a.topics), sum(a.replies),
                bit_count(bit_or(a.members))
         FROM portrait_activity a LEFT JOIN organizations o ON o.id = a.organization_id
         WHERE a.month BETWEEN $1::date AND $2::date AND ${visible}
         GROUP BY GROUPING SETS ((a.month), (o.mrc_code), (a.volet), (a.organization_id), ())`,
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
  results: (Measurement & { connections: number })[],
  refreshMs: number,
  sizes: Record<string, number>,
  plans: Record<string, string>,
): Promise<void> {
  const table = results
    .map(
      (row) =>
        `| ${row.connections} | ${row.scenario} | ${ms(row.p50)} | ${ms(row.p95)} | ${ms(row.p99)} | ${row.requestsPerSecond.toFixed(0)} | ${row.errors} | ${row.p95 <= TARGET_P95_MS ? '✅' : '❌'} |`,
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

Load: autocannon, ${SECONDS} s per scenario, one period of twelve months, signed in as an administrator (every
space) or as a member (network spaces and the committees they sit on: the access policy's filter applies).
Target: p95 ≤ ${TARGET_P95_MS} ms served from the aggregates.

| connections | scenario | p50 ms | p95 ms | p99 ms | req/s | errors | p95 ≤ ${TARGET_P95_MS} ms |
| --- | --- | --- | --- | --- | --- | --- | --- |
${table}

## Query plans on the bench data

${Object.entries(plans)
  .map(([name, plan]) => `### ${name}\n\n\`\`\`\n${plan}\n\`\`\``)
  .join('\n\n')}
`;
  await mkdir(join(root, 'bench/results'), { recursive: true });
  await writeFile(join(root, 'bench/portrait/REPORT.md'), report);
  await writeFile(
    join(root, 'bench/results/portrait.raw.json'),
    JSON.stringify({ results, refreshMs, sizes, plans }, null, 2),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
