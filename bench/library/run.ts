import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { PDFDocument, StandardFonts } from 'pdf-lib';
import { Client } from 'pg';

import { load } from '../lib/load';
import { root, signIn, startBenchPlatform } from '../lib/platform';
import { machine, type Measurement, ms, percentile } from '../lib/stats';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RESOURCES = Number(process.env.BENCH_RESOURCES ?? 100_000);
const PASSWORD = 'banc-d-essai-2026';
const UPLOADS: { label: string; bytes: number; count: number }[] = [
  { label: '1 MB', bytes: 1024 * 1024, count: 40 },
  { label: '20 MB', bytes: 20 * 1024 * 1024, count: 8 },
];

/** The api's resident memory, read from /proc: uploads must stream, so it must not grow with file size. */
async function residentMegabytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** A PDF of French text pages, about `megabytes` large (uncompressed content streams). */
async function textPdf(megabytes: number): Promise<Buffer> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  const line =
    'Portrait de la sécurité alimentaire au Bas-Saint-Laurent : banques alimentaires, cuisines collectives. ';
  let size = 0;
  let page = 0;
  while (size < megabytes * 1024 * 1024) {
    const sheet = document.addPage();
    for (let row = 0; row < 50; row += 1)
      sheet.drawText(`${page}.${row} ${line}`, { x: 20, y: 800 - row * 15, size: 8, font });
    page += 1;
    if (page % 20 === 0) size = (await document.save({ useObjectStreams: false })).length;
  }
  return Buffer.from(await document.save({ useObjectStreams: false }));
}

async function upload(url: string, headers: Record<string, string>, spaceId: string, file: Buffer, name: string) {
  const form = new FormData();
  form.append('metadata', JSON.stringify({ spaceId, title: `Banc ${name}`, kind: 'rapport' }));
  form.append('file', new Blob([file]), name);
  const response = await fetch(`${url}/api/v1/resources/upload`, { method: 'POST', headers, body: form });
  if (response.status !== 201) throw new Error(`upload ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { resource: { id: string } }).resource.id;
}

async function main(): Promise<void> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`Library benchmark — ${machine()}`);
  const { platform, dataDir } = await startBenchPlatform('library');
  const db = new Client({ connectionString: platform.databaseUrl });
  await db.connect();
  try {
    const { hash } = await import('@node-rs/argon2');
    await db.query(
      `INSERT INTO users (id, email, display_name, handle, title, role, status, organization_id, password_hash)
       SELECT gen_random_uuid(), 'banc-biblio@banc.maillage', 'Membre de banc', 'banc.biblio', '', 'member', 'active',
         (SELECT id FROM organizations WHERE mrc_code = '10'), $1`,
      [await hash(PASSWORD)],
    );
    const headers = await signIn(platform.url, 'banc-biblio@banc.maillage', PASSWORD);
    const [{ id: spaceId }] = (await db.query(`SELECT id FROM spaces WHERE slug = 'reseau-regional'`)).rows;

    log('Uploads…');
    const uploadRows: string[] = [];
    for (const { label, bytes, count } of UPLOADS) {
      const rssBefore = await residentMegabytes(platform.pid);
      let rssPeak = rssBefore;
      const sampler = setInterval(() => {
        void residentMegabytes(platform.pid).then((value) => (rssPeak = Math.max(rssPeak, value)));
      }, 50);
      const times: number[] = [];
      const started = performance.now();
      for (let index = 0; index < count; index += 1) {
        // Distinct content each time: the same file twice would be recognized and not stored again.
        const file = Buffer.alloc(bytes, 0x41 + (index % 26));
        file.write(`banc ${label} ${index} ${Date.now()}\n`);
        const one = performance.now();
        await upload(platform.url, headers, spaceId, file, `banc-${index}.txt`);
        times.push(performance.now() - one);
      }
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      times.sort((a, b) => a - b);
      uploadRows.push(
        `| ${label} | ${count} | ${((count * bytes) / 1024 / 1024 / seconds).toFixed(1)} | ${ms(percentile(times, 0.5))} | ${rssBefore.toFixed(0)} | ${rssPeak.toFixed(0)} |`,
      );
    }

    log('Extraction of PDF text…');
    const extractionRows: string[] = [];
    for (const megabytes of [1, 5]) {
      const pdf = await textPdf(megabytes);
      const id = await upload(platform.url, headers, spaceId, pdf, `portrait-${megabytes}.pdf`);
      const started = Date.now();
      for (;;) {
        const [{ extraction }] = (
          await db.query(`SELECT extraction FROM resource_versions WHERE resource_id = $1`, [id])
        ).rows;
        if (extraction !== 'pending') {
          const seconds = (Date.now() - started) / 1000;
          const size = pdf.length / 1024 / 1024;
          extractionRows.push(
            `| ${size.toFixed(1)} MB | ${extraction} | ${seconds.toFixed(2)} s | ${(seconds / size).toFixed(2)} s/MB |`,
          );
          break;
        }
        await new Promise((wake) => setTimeout(wake, 50));
      }
    }

    log(`Loading ${RESOURCES} resources…`);
    const loadStarted = Date.now();
    await db.query(
      `INSERT INTO spaces (id, slug, name, description, visibility, kind)
       SELECT gen_random_uuid(), 'banc-biblio-' || g, 'Groupe ' || g, '', CASE WHEN g % 3 = 0 THEN 'private' ELSE 'network' END, 'group'
       FROM generate_series(1, 30) g`,
    );
    await db.query(
      `INSERT INTO resources (id, space_id, author_id, format, title, summary, kind, volet, mrc_codes, tags, url,
         download_count, created_at, updated_at)
       SELECT gen_random_uuid(), spaces[1 + g % array_length(spaces, 1)], NULL, 'link', 'Ressource de banc ' || g, '',
         (ARRAY['guide','outil','gabarit','rapport','politique','portrait','formation','autre'])[1 + g % 8],
         CASE WHEN g % 5 = 0 THEN NULL ELSE 1 + g % 4 END, ARRAY[lpad((7 + g % 8)::text, 2, '0')],
         ARRAY['banc', 'etiquette-' || (g % 200)], 'https://exemple.org/' || g, (hashtext('d' || g) & 1023),
         now() - (g || ' minutes')::interval, now()
       FROM generate_series(1, ${RESOURCES}) g,
         (SELECT array_agg(id) AS spaces FROM spaces WHERE slug LIKE 'banc-biblio-%' OR slug = 'reseau-regional') s`,
    );
    // As autovacuum would soon after a bulk load.
    await db.query('VACUUM ANALYZE resources, spaces, space_members');
    log(`  ${RESOURCES} resources in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s`);
    // Loaded behind the api's back: the search index (the facet counts' source) is rebuilt as an operator would.
    const indexStarted = Date.now();
    await promisify(execFile)(process.execPath, [join(root, 'dist/apps/api/cli.js'), 'reindex'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      maxBuffer: 64 * 2 ** 20,
    });
    log(`  indexed for search in ${((Date.now() - indexStarted) / 1000).toFixed(0)} s`);

    const scenarios: [string, string][] = [
      ['newest', '/api/v1/resources'],
      ['most downloaded', '/api/v1/resources?sort=popular'],
      ['by kind', '/api/v1/resources?kind=rapport'],
      ['by MRC', '/api/v1/resources?mrc=10'],
      ['by tag', '/api/v1/resources?tag=etiquette-7'],
      ['facet counts', '/api/v1/resources/facets'],
      ['facet counts, by kind', '/api/v1/resources/facets?kind=rapport'],
    ];
    const lists: Measurement[] = [];
    for (const [name, path] of scenarios) {
      for (const connections of [1, 8]) {
        lists.push(
          await load(`${name}, c=${connections}`, {
            connections,
            seconds: SECONDS,
            url: platform.url,
            headers,
            path: () => path,
          }),
        );
      }
    }
    const [{ id: viewerId }] = (await db.query(`SELECT id FROM users WHERE email = 'banc-biblio@banc.maillage'`)).rows;
    const plan = (
      await db.query(
        `EXPLAIN (ANALYZE) SELECT r.id FROM resources r WHERE r.deleted_at IS NULL
           AND (r.space_id IN (SELECT id FROM spaces WHERE visibility = 'network')
             OR r.space_id IN (SELECT space_id FROM space_members WHERE user_id = $1))
           AND r.tags @> ARRAY['etiquette-7']::text[] ORDER BY r.created_at DESC, r.id DESC LIMIT 31`,
        [viewerId],
      )
    ).rows
      .map((row) => row['QUERY PLAN'] as string)
      .join('\n');

    const report = `# Library benchmark

Run with \`npm run bench:library\` (BENCH_RESOURCES to scale, BENCH_SECONDS per list scenario).
${machine()}, ${new Date().toISOString().slice(0, 10)}.

## Uploads (POST /api/v1/resources/upload, one at a time, distinct content)

| file | uploads | MB/s | p50 ms | api RSS before (MB) | api RSS peak (MB) |
| --- | --- | --- | --- | --- | --- |
${uploadRows.join('\n')}

Files stream from the request to storage through a hash; the api's memory stays flat whatever the file size.

## Text extraction (PDF, in a worker thread, through the outbox)

| PDF | outcome | upload to text stored | per MB |
| --- | --- | --- | --- |
${extractionRows.join('\n')}

## Library list over ${RESOURCES.toLocaleString('en')} resources (GET /api/v1/resources, 31 rows a page)

| scenario | p50 | p95 | p99 | req/s | errors |
| --- | --- | --- | --- | --- | --- |
${lists.map((m) => `| ${m.scenario} | ${ms(m.p50)} | ${ms(m.p95)} | ${ms(m.p99)} | ${m.requestsPerSecond.toFixed(0)} | ${m.errors} |`).join('\n')}

## Plan of the tag filter

\`\`\`
${plan}
\`\`\`
`;
    await writeFile(join(root, 'bench/library/REPORT.md'), report);
    log(report);
  } finally {
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
