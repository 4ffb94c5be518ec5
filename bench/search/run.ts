import { execFile, fork } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { Client } from 'pg';

import type * as SearchRequests from '../../apps/api/src/search/search-requests';
import { load, type LoadRequest, sample } from '../lib/load';
import { freePort, root, signIn, startBenchPlatform } from '../lib/platform';
import { besideFloor, logMeasurements, machine, type Measurement, ms, summarize } from '../lib/stats';
import { BENCH_DOCUMENTS, BENCH_PASSWORD, generateSearchData } from './generate';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const WARM_UP_SECONDS = 3;
/** Each scenario's seconds are split into rounds, the api's, the bare hop's and the floor's in turn. */
const ROUNDS = 3;
const BACKLOG = 100_000;
const CONTENT_INDEX = 'maillage_content';

/** What members type: single words, phrases, typos, no accents, a synonym, an MRC. */
const QUERIES = [
  'itinérance',
  'itinerence',
  'logement social',
  'aines',
  'travail de rue',
  'sécurité alimentaire Mitis',
  'transport collectif rural',
  'table de concertation',
  'proche aidance répit',
  'pauvrete exclusion',
  'portrait territoire',
  'cuisine collective',
  'financement projet',
  'santé mentale jeunesse',
  'covoiturage navette',
  'bilan',
];

const rssMiB = async (pid: number): Promise<number> => {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
};

async function main(): Promise<void> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`Search benchmark — ${machine()}`);
  log('Starting the platform on the embedded default…');
  const { platform, dataDir } = await startBenchPlatform('search');
  const db = new Client({ connectionString: platform.databaseUrl });
  await db.connect();
  const meiliPid = Number(await readFile(join(dataDir, 'meilisearch.pid'), 'utf8'));
  const meiliUrl = `http://${/--http-addr=(\S+)/.exec(await readFile(`/proc/${meiliPid}/cmdline`, 'utf8').then((text) => text.replaceAll('\0', ' ')))?.[1]}`;
  const { meiliMasterKey } = JSON.parse(await readFile(join(dataDir, 'embedded-secrets.json'), 'utf8')) as {
    meiliMasterKey: string;
  };
  const notes: string[] = [];
  const hopPort = await freePort();
  const hopUrl = `http://127.0.0.1:${hopPort}`;
  const hop = fork(join(root, 'dist/bench/search/bare-hop.js'), [meiliUrl, meiliMasterKey, String(hopPort)]);
  try {
    await new Promise((ready, fail) => {
      hop.once('message', ready);
      hop.once('exit', (code) => fail(new Error(`the bare hop exited with ${code}`)));
    });
    log(`Loading ${BENCH_DOCUMENTS.toLocaleString('en')} documents into PostgreSQL…`);
    const generated = Date.now();
    await generateSearchData(db, log);
    notes.push(`Data generated in PostgreSQL in ${((Date.now() - generated) / 1000).toFixed(0)} s.`);

    log('Full rebuild through the admin tool (npm run admin -- reindex)…');
    const rebuildStarted = Date.now();
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'dist/apps/api/cli.js'), 'reindex'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      maxBuffer: 64 * 2 ** 20,
    });
    const rebuildSeconds = (Date.now() - rebuildStarted) / 1000;
    const indexed = Number(/(\d+) documents/.exec(stdout)?.[1] ?? 0);
    const rebuild = { seconds: rebuildSeconds, documents: indexed, perSecond: indexed / rebuildSeconds };
    log(`  ${indexed} documents in ${rebuildSeconds.toFixed(0)} s (${rebuild.perSecond.toFixed(0)} documents/s)`);

    const headers = await signIn(platform.url, 'banc1@banc.maillage', BENCH_PASSWORD);
    const [{ id: viewerId }] = (await db.query(`SELECT id FROM users WHERE email = 'banc1@banc.maillage'`)).rows;
    const visible: string[] = (
      await db.query(
        `SELECT s.id FROM spaces s WHERE s.id IN (SELECT id FROM spaces WHERE visibility = 'network')
           OR s.id IN (SELECT space_id FROM space_members WHERE user_id = $1)`,
        [viewerId],
      )
    ).rows.map((row) => row.id as string);
    // The api's own request shapes, as built: the floor sends exactly what SearchService sends.
    const requests: typeof SearchRequests = await import(join(root, 'dist/apps/api/search/search-requests.js'));
    const filter = requests.accessFilter(visible);
    const pageBody = (q: string) =>
      JSON.stringify({ q, ...requests.pageRequest([filter], { offset: 0, limit: 20, recentFirst: false }) });
    let next = 0;
    const nextQuery = () => QUERIES[next++ % QUERIES.length]!;
    const meiliHeaders = { authorization: `Bearer ${meiliMasterKey}` };

    log('Warming Meilisearch up (every query, unmeasured)…');
    for (let round = 0; round < 3; round += 1)
      for (const q of QUERIES) {
        await fetch(`${meiliUrl}/indexes/${CONTENT_INDEX}/search`, {
          method: 'POST',
          headers: { ...meiliHeaders, 'content-type': 'application/json' },
          body: pageBody(q),
        }).then((response) => response.text());
      }

    // The api starts cold in this run (its code not yet compiled by V8) where the floor's server does not: a few
    // seconds of searches and suggestions through it, unmeasured, as a platform in use would have served.
    log(`Warming the api up (${WARM_UP_SECONDS} s of searches and suggestions, unmeasured)…`);
    for (const path of [
      () => `/api/v1/search?q=${encodeURIComponent(nextQuery())}&limit=20`,
      () => `/api/v1/search/suggest?q=${encodeURIComponent(nextQuery().slice(0, 4))}`,
    ])
      await load('warm-up', { connections: 8, seconds: WARM_UP_SECONDS, url: platform.url, headers, path });

    log(`Warming the bare hop up (${WARM_UP_SECONDS} s, unmeasured)…`);
    await load('warm-up', {
      connections: 8,
      seconds: WARM_UP_SECONDS,
      url: hopUrl,
      headers: {},
      method: 'POST',
      path: () => `/indexes/${CONTENT_INDEX}/search`,
      body: () => pageBody(nextQuery()),
    });

    const api: Measurement[] = [];
    const bare: Measurement[] = [];
    const floor: Measurement[] = [];
    /** Each round's p95, api, bare hop and floor, in the order they ran. */
    const rounds = new Map<string, { api: number; hop: number; floor: number }[]>();
    /** CPU per request of the api and of the bare hop in each scenario: what each takes from Meilisearch here. */
    const cpu = new Map<string, { api: number; hop: number }>();
    const scenario = async (name: string, connections: number, through: LoadRequest, straight: LoadRequest) => {
      const seconds = SECONDS / ROUNDS;
      const { samples, cpuPerRequest } = await besideFloor(
        ROUNDS,
        { api: platform.pid, hop: hop.pid! },
        {
          api: () => sample({ connections, seconds, url: platform.url, headers, ...through }),
          hop: () => sample({ connections, seconds, url: hopUrl, headers: {}, ...straight }),
          floor: () => sample({ connections, seconds, url: meiliUrl, headers: meiliHeaders, ...straight }),
        },
      );
      api.push(summarize(name, samples.api));
      bare.push(summarize(name, samples.hop));
      floor.push(summarize(name, samples.floor));
      cpu.set(name, { api: cpuPerRequest.api!, hop: cpuPerRequest.hop! });
      rounds.set(
        name,
        samples.api.map((one, index) => ({
          api: summarize(name, [one]).p95,
          hop: summarize(name, [samples.hop[index]!]).p95,
          floor: summarize(name, [samples.floor[index]!]).p95,
        })),
      );
    };
    for (const concurrency of [1, 8]) {
      log(
        `Searches at concurrency ${concurrency}: ${ROUNDS} rounds of ${SECONDS / ROUNDS} s, the api and Meilisearch in turn…`,
      );
      await scenario(
        `search, concurrency ${concurrency}`,
        concurrency,
        { path: () => `/api/v1/search?q=${encodeURIComponent(nextQuery())}&limit=20` },
        { method: 'POST', path: () => `/indexes/${CONTENT_INDEX}/search`, body: () => pageBody(nextQuery()) },
      );
    }
    log('Search as you type (five groups per keystroke), concurrency 8…');
    const prefixes = QUERIES.flatMap((query) => [query.slice(0, 3), query.slice(0, 6), query]);
    let nextPrefix = 0;
    const prefix = () => prefixes[nextPrefix++ % prefixes.length]!;
    await scenario(
      'suggest, concurrency 8',
      8,
      { path: () => `/api/v1/search/suggest?q=${encodeURIComponent(prefix())}` },
      {
        method: 'POST',
        path: () => '/multi-search',
        body: () => JSON.stringify({ queries: requests.suggestionRequests(CONTENT_INDEX, prefix(), [filter]) }),
      },
    );
    logMeasurements(log, { api, 'bare hop': bare, floor });

    log(`Indexing backlog: ${BACKLOG.toLocaleString('en')} updates through the outbox…`);
    const { rowCount: queued } = await db.query(
      `INSERT INTO outbox_events (id, kind, payload)
       SELECT uuidv7(), 'search.index', jsonb_build_object('type', 'post', 'id', id) FROM posts WHERE number > 1 LIMIT $1`,
      [BACKLOG],
    );
    const drainStarted = Date.now();
    const progress: string[] = [];
    // Scaled-down data (BENCH_TOPICS) may hold fewer replies than the backlog asks for.
    const backlog = queued ?? 0;
    let left = backlog;
    while (left > 0) {
      await new Promise((wake) => setTimeout(wake, 1000));
      left = (await db.query(`SELECT count(*)::int AS left FROM outbox_events WHERE kind LIKE 'search.%'`)).rows[0]
        .left;
      const seconds = (Date.now() - drainStarted) / 1000;
      progress.push(`${seconds.toFixed(0)} s: ${backlog - left} indexed`);
      if (seconds > 600) throw new Error(`the backlog did not drain in 10 minutes (${left} left)`);
    }
    const drainSeconds = (Date.now() - drainStarted) / 1000;
    const drain = { seconds: drainSeconds, events: backlog, perSecond: backlog / drainSeconds };
    log(`  drained in ${drainSeconds.toFixed(1)} s: ${drain.perSecond.toFixed(0)} documents/s`);

    const memory = { api: await rssMiB(platform.pid), meilisearch: await rssMiB(meiliPid) };
    const { rows: plan } = await db.query(
      `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT s.id, s.name FROM spaces s WHERE (s.id IN (SELECT id FROM spaces WHERE visibility = 'network')
         OR s.id IN (SELECT space_id FROM space_members WHERE user_id = $1))`,
      [viewerId],
    );
    await writeReport({
      rounds,
      cpu,
      api,
      bare,
      floor,
      rebuild,
      drain,
      progress,
      memory,
      notes,
      plan: plan.map((row) => row['QUERY PLAN']).join('\n'),
    });
    log('Report written to bench/search/REPORT.md');
  } finally {
    hop.kill();
    await db.end();
    if (process.env.BENCH_KEEP) log(`Kept running for inspection: ${platform.url} (data ${dataDir})`);
    else {
      await platform.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }
}

interface Results {
  rounds: Map<string, { api: number; hop: number; floor: number }[]>;
  cpu: Map<string, { api: number; hop: number }>;
  api: Measurement[];
  bare: Measurement[];
  floor: Measurement[];
  rebuild: { seconds: number; documents: number; perSecond: number };
  drain: { seconds: number; events: number; perSecond: number };
  progress: string[];
  memory: { api: number; meilisearch: number };
  notes: string[];
  plan: string;
}

const signed = (difference: number) => `${difference < 0 ? '−' : '+'}${ms(Math.abs(difference))}`;

async function writeReport(results: Results): Promise<void> {
  const rows = results.api
    .map((row) => {
      const base = results.floor.find((candidate) => candidate.scenario === row.scenario)!;
      const met = row.p95 <= base.p95 + 10;
      const cpu = (results.cpu.get(row.scenario)?.api ?? Number.NaN) * 1000;
      return `| ${row.scenario} | ${ms(row.p50)} | ${ms(row.p95)} | ${ms(row.p99)} | ${row.requestsPerSecond.toFixed(0)} | ${ms(cpu)} | ${row.errors} | ${ms(base.p50)} | ${ms(base.p95)} | ${ms(base.p99)} | ${base.requestsPerSecond.toFixed(0)} | ≤ ${ms(base.p95 + 10)} ${met ? '✅' : '❌'} |`;
    })
    .join('\n');
  const hopRows = results.bare
    .map((row) => {
      const base = results.floor.find((candidate) => candidate.scenario === row.scenario)!;
      const api = results.api.find((candidate) => candidate.scenario === row.scenario)!;
      const cpu = (results.cpu.get(row.scenario)?.hop ?? Number.NaN) * 1000;
      return `| ${row.scenario} | ${ms(row.p50)} | ${ms(row.p95)} | ${ms(row.p99)} | ${row.requestsPerSecond.toFixed(0)} | ${ms(cpu)} | ${row.errors} | ${signed(row.p95 - base.p95)} | ${signed(api.p95 - base.p95)} |`;
    })
    .join('\n');
  const report = `# Search benchmark

Generated by \`npm run bench:search\` on ${new Date().toISOString().slice(0, 10)} — ${machine()}.

${BENCH_DOCUMENTS.toLocaleString('en')} documents (2,000 people, 50,000 topics, 950,000 replies drawn from the
network's vocabulary) in one content index, on the embedded PostgreSQL 18 and Meilisearch 1.21 that \`npm start\`
runs. Searches are a member's (not an administrator's): every query carries the access filter over the member's
visible spaces. The floor sends the same request (query, filter, facets, retrieved attributes, highlighting,
cropping, limit) straight to Meilisearch in the same run, after a warm-up pass over every query (and the api after ${WARM_UP_SECONDS} s of searches and suggestions through it); the queries cycle through ${QUERIES.length} French searches (typos, no accents, phrases,
a synonym, an MRC). ${SECONDS} s per scenario and side, autocannon, every response time ranked: each scenario runs in
${ROUNDS} rounds of ${SECONDS / ROUNDS} s, the api's, a bare hop's (below) and the floor's in turn, and the tables rank the
rounds' response times together. This shared virtual machine has slow spells (a round can answer a sixth fewer requests than the one before
it): taking turns puts them on both sides alike.

## Search latency (ms)

| Scenario | api p50 | api p95 | api p99 | api req/s | api CPU per request | errors | floor p50 | floor p95 | floor p99 | floor req/s | target: api p95 ≤ floor p95 + 10 ms |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows}

Each round's p95, api / bare hop / floor: ${[...results.rounds]
    .map(
      ([scenario, rounds]) =>
        `${scenario}: ${rounds.map((round) => `${ms(round.api)} / ${ms(round.hop)} / ${ms(round.floor)}`).join(', ')}`,
    )
    .join('; ')}.

## What the hop alone costs here

The bare hop (bench/search/bare-hop.ts) is the least a service in front of Meilisearch does: a node:http server
that forwards the floor's very request over a keep-alive connection, parses the answer and serializes it again — no
framework, session, access rule or validation. Its rounds took turns with the api's and the floor's above.

| Scenario | bare hop p50 | bare hop p95 | bare hop p99 | req/s | CPU per request | errors | bare hop p95 − floor p95 | api p95 − floor p95 |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${hopRows}

How to read it: on this machine Meilisearch alone keeps both cores busy at concurrency 8 (see the floor's req/s).
Every millisecond of CPU the api spends on a request (the column "api CPU per request": the Nest pipeline, the
second HTTP hop, the JSON) is then taken from Meilisearch, so the api's throughput falls and queueing adds to its
latency: eight requests waiting behind each other, p95 − floor p95 comes to several times that millisecond. At
concurrency 1, with a core to spare, the hop costs what it costs. The bare hop's line, above, is what any
service in front of Meilisearch pays here before doing anything of its own. In the compose deployment the api
replicas and Meilisearch do not share two cores.

## Indexing

| Measure | Result | Target |
| --- | --- | --- |
| Backlog of ${results.drain.events.toLocaleString('en')} updates drained through the outbox (one api process, its indexer thread) | ${results.drain.seconds.toFixed(1)} s, **${results.drain.perSecond.toFixed(0)} documents/s** | ≥ 2,000 documents/s ${results.drain.perSecond >= 2000 ? '✅' : '❌'} |
| Full rebuild (\`npm run admin -- reindex\`, built aside then swapped) | ${results.rebuild.documents.toLocaleString('en')} documents in ${results.rebuild.seconds.toFixed(0)} s, ${results.rebuild.perSecond.toFixed(0)} documents/s | — |

Drain progress: ${results.progress.join(' · ')}.

Resident memory at the end: api ${results.memory.api} MiB, Meilisearch ${results.memory.meilisearch} MiB.

${results.notes.join(' ')}

## The access filter's query

The database read behind a search's access filter: the spaces the member may see, with their names for the facet labels (AccessPolicy.visibleSpaces, a prepared statement). Each api process keeps the answer until an access change is announced, so a member's searches ask it once.

\`\`\`
${results.plan}
\`\`\`
`;
  await writeFile(join(root, 'bench/search/REPORT.md'), report);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
