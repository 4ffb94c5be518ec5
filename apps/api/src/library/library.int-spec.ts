import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { corruptPdf, docxWith, executable, odtWith, pdfWith, pptxWith, xlsxWith } from '../../test/sample-files';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app';

let context: TestContext;
let regional: { id: string };
let committee: { id: string };

beforeAll(async () => {
  context = await createTestContext({ UPLOAD_MAX_MB: '1' });
  regional = await context.spaceBySlug('reseau-regional');
  committee = await context.spaceBySlug('comite-directeur');
});

afterAll(() => context.close());

const member = () => context.signedInMember();

const metadata = (fields: Record<string, unknown> = {}) =>
  JSON.stringify({
    spaceId: regional.id,
    title: 'Portrait de la pauvreté au Bas-Saint-Laurent',
    summary: 'Les **données** de 2025 par MRC.',
    kind: 'portrait',
    volet: 1,
    mrcCodes: ['09', '10'],
    tags: ['pauvreté'],
    ...fields,
  });

function upload(client: TestClient, file: Buffer, fileName: string, fields: Record<string, unknown> = {}) {
  return client
    .post('/api/v1/resources/upload')
    .field('metadata', metadata(fields))
    .attach('file', file, { filename: fileName, contentType: 'application/octet-stream' });
}

/** Every file the library holds, to check that refused uploads leave nothing behind. */
async function storedFiles(): Promise<string[]> {
  const root = join(context.config.dataDir, 'files');
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('uploads', () => {
  it('stores a PDF, reads its French text in the background, and finds it by that text', async () => {
    const { client } = await member();
    const pdf = await pdfWith([
      'Portrait régional : la sécurité alimentaire à Rimouski-Neigette.',
      'Les banques alimentaires ont servi 12 000 ménages.',
    ]);
    const response = await upload(client, pdf, 'Portrait régional – été 2025.pdf');
    expect(response.status).toBe(201);
    expect(response.body.duplicate).toBe(false);
    const resource = response.body.resource;
    expect(resource).toMatchObject({
      format: 'file',
      kind: 'portrait',
      mimeType: 'application/pdf',
      fileName: 'Portrait régional – été 2025.pdf',
      sizeBytes: pdf.length,
      mrcCodes: ['09', '10'],
    });
    expect(resource.versions).toEqual([expect.objectContaining({ number: 1, extraction: 'pending' })]);

    await context.drainOutbox();
    const read = (await client.get(`/api/v1/resources/${resource.id}`)).body;
    expect(read.versions[0]).toMatchObject({ extraction: 'done', extractionFailure: null });
    expect(read.excerpt).toContain('sécurité alimentaire à Rimouski-Neigette');
    const found = await client.get('/api/v1/search').query({ q: 'banques alimentaires', type: 'resource' });
    expect(found.body.items.map((hit: { id: string }) => hit.id)).toContain(resource.id);
  });

  it('reads the text of a DOCX', async () => {
    const { client } = await member();
    const docx = await docxWith([
      'Guide d’accueil des travailleurs de rue',
      'Tournées dans les municipalités rurales.',
    ]);
    const response = await upload(client, docx, 'guide.docx', { title: 'Guide d’accueil', kind: 'guide' });
    expect(response.status).toBe(201);
    expect(response.body.resource.mimeType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    await context.drainOutbox();
    const read = (await client.get(`/api/v1/resources/${response.body.resource.id}`)).body;
    expect(read.excerpt).toContain('Tournées dans les municipalités rurales');
  });

  it('reads the text of spreadsheets, presentations and OpenDocument text', async () => {
    const { client } = await member();
    const files: [Buffer, string, string, string][] = [
      [
        xlsxWith(['Budget 2026', 'Sécurité alimentaire &amp; logement']),
        'budget.xlsx',
        'sheet',
        'Sécurité alimentaire & logement',
      ],
      [
        pptxWith(['Bilan du volet 3', 'Bien vieillir chez soi']),
        'bilan.pptx',
        'presentation',
        'Bien vieillir chez soi',
      ],
      [
        odtWith(['Égalité entre les femmes et les hommes']),
        'politique.odt',
        'opendocument.text',
        'Égalité entre les femmes',
      ],
    ];
    const ids: string[] = [];
    for (const [file, name, type] of files) {
      const response = await upload(client, file, name, { title: `Document ${name}`, kind: 'autre' });
      expect(response.status).toBe(201);
      expect(response.body.resource.mimeType).toContain(type);
      ids.push(response.body.resource.id);
    }
    await context.drainOutbox();
    for (const [index, [, , , text]] of files.entries()) {
      const read = (await client.get(`/api/v1/resources/${ids[index]}`)).body;
      expect(read.versions[0].extraction).toBe('done');
      expect(read.excerpt).toContain(text);
    }
  });

  it('keeps a corrupt PDF and records why its text could not be read', async () => {
    const { client } = await member();
    const response = await upload(client, corruptPdf(), 'rapport.pdf', { title: 'Rapport annuel' });
    expect(response.status).toBe(201);
    await context.drainOutbox();
    const read = (await client.get(`/api/v1/resources/${response.body.resource.id}`)).body;
    expect(read.versions[0]).toMatchObject({ extraction: 'failed', extractionFailure: 'PDF illisible ou endommagé' });
    expect((await client.get(`/api/v1/resources/${response.body.resource.id}/file`)).status).toBe(200);
  });

  it('refuses a program renamed .pdf and a file over the limit, and leaves nothing behind', async () => {
    const { client } = await member();
    const [{ count: before }] = await context.dataSource.query('SELECT count(*)::int AS count FROM resources');
    const filesBefore = await storedFiles();
    const program = await upload(client, executable(), 'budget.pdf');
    expect(program.status).toBe(415);
    expect(program.body.detail).toMatch(/ELF.*Types acceptés : PDF, DOCX/);
    const large = await upload(client, Buffer.alloc(1024 * 1024 + 10, 0x41), 'notes.txt');
    expect(large.status).toBe(413);
    expect(large.body.detail).toContain('1 Mo au plus');
    const badMetadata = await upload(client, Buffer.from('Bonjour'), 'notes.txt', { title: '', kind: 'roman' });
    expect(badMetadata.status).toBe(400);
    expect(badMetadata.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'body.metadata.kind',
      'body.metadata.title',
    ]);
    const [{ count: after }] = await context.dataSource.query('SELECT count(*)::int AS count FROM resources');
    expect(after).toBe(before);
    expect(await storedFiles()).toEqual(filesBefore);
  });

  it('points a file already in the space to its resource, and accepts it in another space', async () => {
    const { user, client } = await member();
    await context.dataSource.query('INSERT INTO space_members (space_id, user_id) VALUES ($1, $2)', [
      committee.id,
      user.id,
    ]);
    const pdf = await pdfWith(['Politique de développement social, version adoptée.']);
    const first = await upload(client, pdf, 'politique.pdf', { kind: 'politique' });
    const again = await upload(client, pdf, 'copie de politique.pdf', { kind: 'politique', title: 'Autre titre' });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ duplicate: true, resource: { id: first.body.resource.id } });
    const elsewhere = await upload(client, pdf, 'politique.pdf', { kind: 'politique', spaceId: committee.id });
    expect(elsewhere.body.duplicate).toBe(false);
    expect(elsewhere.body.resource.id).not.toBe(first.body.resource.id);
  });
});

describe('versions and downloads', () => {
  it('adds versions with a note and downloads any of them as an attachment, counted', async () => {
    const { client } = await member();
    const created = await upload(client, Buffer.from('Première version du gabarit.\n'), 'Gabarit – demande.md', {
      kind: 'gabarit',
    });
    const id = created.body.resource.id;
    expect(created.body.resource.mimeType).toBe('text/markdown');
    const second = await client
      .post(`/api/v1/resources/${id}/versions`)
      .field('changeNote', 'Ajout de la section budget')
      .attach('file', Buffer.from('Deuxième version, avec le budget.\n'), 'Gabarit – demande v2.md');
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ number: 2, changeNote: 'Ajout de la section budget' });
    const same = await client
      .post(`/api/v1/resources/${id}/versions`)
      .attach('file', Buffer.from('Deuxième version, avec le budget.\n'), 'copie.md');
    expect(same.status).toBe(409);

    const latest = await client.get(`/api/v1/resources/${id}/file`).buffer(true);
    expect(latest.status).toBe(200);
    expect(latest.text).toContain('Deuxième version');
    expect(latest.headers['content-type']).toMatch(/^text\/markdown/);
    expect(latest.headers['x-content-type-options']).toBe('nosniff');
    expect(latest.headers['content-disposition']).toBe(
      `attachment; filename="Gabarit  demande v2.md"; filename*=UTF-8''${encodeURIComponent('Gabarit – demande v2.md')}`,
    );
    const first = await client.get(`/api/v1/resources/${id}/versions/1/file`).buffer(true);
    expect(first.text).toContain('Première version');
    expect((await client.get(`/api/v1/resources/${id}/versions/9/file`)).status).toBe(404);

    const read = (await client.get(`/api/v1/resources/${id}`)).body;
    expect(read.versions.map((version: { number: number }) => version.number)).toEqual([2, 1]);
    expect(read.downloadCount).toBe(2);
    // Each download is also kept by month and organization (never by person), for the portrait.
    const logged = await context.dataSource.query(
      `SELECT d.organization_id = u.organization_id AS "sameOrganization" FROM resource_downloads d, users u
       WHERE d.resource_id = $1 AND u.handle = $2`,
      [id, (await client.get('/api/v1/me')).body.handle],
    );
    expect(logged).toEqual([{ sameOrganization: true }, { sameOrganization: true }]);
  });
});

describe('access, lists and discussion', () => {
  it('hides a private space’s resources from a non-member: 404 on every read', async () => {
    const { user, client: insider } = await member();
    const { client: outsider } = await member();
    await context.dataSource.query('INSERT INTO space_members (space_id, user_id) VALUES ($1, $2)', [
      committee.id,
      user.id,
    ]);
    const created = await upload(insider, Buffer.from('Procès-verbal confidentiel du comité.\n'), 'pv.txt', {
      spaceId: committee.id,
      title: 'Procès-verbal du comité directeur',
      kind: 'rapport',
    });
    const id = created.body.resource.id;
    for (const path of [
      `/api/v1/resources/${id}`,
      `/api/v1/resources/${id}/file`,
      `/api/v1/resources/${id}/versions/1/file`,
    ]) {
      expect((await outsider.get(path)).status).toBe(404);
    }
    expect((await outsider.post(`/api/v1/resources/${id}/discussion`)).status).toBe(404);
    const listed = await outsider.get('/api/v1/resources').query({ space: committee.id });
    expect(listed.body.items).toEqual([]);
    expect(
      (await insider.get('/api/v1/resources').query({ space: committee.id })).body.items.map(
        (r: { id: string }) => r.id,
      ),
    ).toContain(id);
  });

  it('lists links and documents by kind, volet, MRC and tag, newest or most downloaded first, page by page', async () => {
    const { client } = await member();
    const tag = `essai-${Date.now() % 100000}`;
    const link = await client.post('/api/v1/resources', {
      spaceId: regional.id,
      format: 'tool',
      url: 'https://outils.example.org/calculateur',
      title: 'Calculateur du panier de consommation',
      kind: 'outil',
      volet: 2,
      mrcCodes: ['11'],
      tags: [tag],
    });
    expect(link.status).toBe(201);
    const doc = await upload(client, Buffer.from(`Formation ${tag}\n`), 'formation.txt', {
      title: 'Formation sur le travail de rue',
      kind: 'formation',
      volet: 2,
      mrcCodes: ['11', '12'],
      tags: [tag],
    });
    await client.get(`/api/v1/resources/${doc.body.resource.id}/file`);
    const byTag = (await client.get('/api/v1/resources').query({ tag })).body.items.map((r: { id: string }) => r.id);
    expect(byTag).toEqual([doc.body.resource.id, link.body.id]);
    const popular = (await client.get('/api/v1/resources').query({ tag, sort: 'popular' })).body.items;
    expect(popular[0].id).toBe(doc.body.resource.id);
    expect((await client.get('/api/v1/resources').query({ tag, kind: 'outil' })).body.items).toHaveLength(1);
    expect((await client.get('/api/v1/resources').query({ tag, mrc: '12' })).body.items).toHaveLength(1);
    expect((await client.get('/api/v1/resources').query({ tag, volet: 3 })).body.items).toHaveLength(0);
    const firstPage = (await client.get('/api/v1/resources').query({ tag, limit: 1 })).body;
    const secondPage = (await client.get('/api/v1/resources').query({ tag, limit: 1, cursor: firstPage.nextCursor }))
      .body;
    expect([...firstPage.items, ...secondPage.items].map((r: { id: string }) => r.id)).toEqual(byTag);
    expect(secondPage.nextCursor).toBeNull();

    await context.drainOutbox();
    const facets = (await client.get('/api/v1/resources/facets').query({ tag, kind: 'outil' })).body;
    expect(facets).toEqual({
      // The kind chosen does not hide the other kinds; the other facets count the outils only.
      kind: [
        { value: 'formation', count: 1 },
        { value: 'outil', count: 1 },
      ],
      volet: [{ value: '2', count: 1 }],
      mrc: [{ value: '11', count: 1 }],
    });
  });

  it('opens one forum topic about a resource, whoever asks first', async () => {
    const { client } = await member();
    const { client: other } = await member();
    const created = await upload(client, Buffer.from('Bilan du projet de transport collectif.\n'), 'bilan.txt', {
      title: 'Bilan transport collectif',
      kind: 'rapport',
    });
    const id = created.body.resource.id;
    const [first, second] = await Promise.all([
      client.post(`/api/v1/resources/${id}/discussion`),
      other.post(`/api/v1/resources/${id}/discussion`),
    ]);
    expect(first.body.topicId).toBe(second.body.topicId);
    const topic = await other.get(`/api/v1/topics/${first.body.topicId}`);
    expect(topic.body.title).toBe('Discussion : Bilan transport collectif');
    expect((await client.post(`/api/v1/resources/${id}/discussion`)).body.topicId).toBe(first.body.topicId);
  });
});

describe('facet counts without Meilisearch', () => {
  it('counts in the database when the search engine does not answer', async () => {
    const offline = await createTestContext({ MEILI_URL: 'http://127.0.0.1:1' });
    try {
      const { client } = await offline.signedInMember();
      const space = await offline.spaceBySlug('reseau-regional');
      for (const [kind, mrcCodes] of [
        ['guide', ['07']],
        ['guide', ['07', '08']],
        ['rapport', ['08']],
      ] as const) {
        const created = await client.post('/api/v1/resources', {
          spaceId: space.id,
          format: 'link',
          url: `https://exemple.org/${kind}/${mrcCodes.join('-')}`,
          title: `Ressource ${kind}`,
          kind,
          mrcCodes,
        });
        expect(created.status).toBe(201);
      }
      const facets = (await client.get('/api/v1/resources/facets').query({ mrc: '08' })).body;
      expect(facets).toEqual({
        kind: [
          { value: 'guide', count: 1 },
          { value: 'rapport', count: 1 },
        ],
        volet: [],
        mrc: [
          { value: '07', count: 2 },
          { value: '08', count: 2 },
        ],
      });
    } finally {
      await offline.close();
    }
  });
});
