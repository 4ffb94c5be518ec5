import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { eventually } from '../test/eventually';
import { executable, pdfWith } from '../test/sample-files';
import { createTestContext, type TestClient, type TestContext } from '../test/test-app';
import { adminProgram } from './admin-cli';

let context: TestContext;
const savedEnvironment = { ...process.env };

beforeAll(async () => {
  context = await createTestContext();
  // The tool reads its configuration from the environment, as an operator's shell gives it (configured mode).
  Object.assign(process.env, {
    DATABASE_URL: context.config.databaseUrl,
    DATA_DIR: context.config.dataDir,
    MEILI_URL: context.config.meiliUrl,
    MEILI_MASTER_KEY: context.config.meiliMasterKey,
    MEILI_INDEX_PREFIX: context.config.meiliIndexPrefix,
    LOG_LEVEL: 'silent',
  });
});

afterAll(async () => {
  process.env = savedEnvironment;
  await context.close();
});

/** Revocations from another process arrive by NOTIFY: give them a moment, not a fixed sleep. */
function statusWithin(client: TestClient, expected: number, milliseconds = 1000): Promise<number> {
  return eventually(
    async () => (await client.get('/api/v1/me')).status,
    (status) => status === expected,
    milliseconds,
  );
}

async function run(...args: string[]): Promise<string[]> {
  const lines: string[] = [];
  await adminProgram((line) => lines.push(line), true).parseAsync(args, { from: 'user' });
  return lines;
}

describe('npm run admin', () => {
  it('creates an administrator with a one-time password that opens a session', async () => {
    const lines = await run('create-admin', '--email', 'Direction@CRD-BSL.ca', '--name', 'Direction du CRD');
    expect(lines[0]).toBe('Administrateur créé : Direction du CRD <direction@crd-bsl.ca>');
    const password = lines[1]?.match(/Mot de passe à usage unique : (\S+)/)?.[1];
    expect(password).toBeDefined();
    const client = await context.loginAs({ email: 'direction@crd-bsl.ca' }, password);
    const me = await client.get('/api/v1/me');
    expect(me.body).toMatchObject({ role: 'admin', organization: { slug: 'crd' } });
  });

  it('resets a password and ends the account’s sessions, in the running api too', async () => {
    const member = await context.makeMember();
    const session = await context.loginAs(member);
    expect((await session.get('/api/v1/me')).status).toBe(200);
    await run('reset-password', '--email', member.email, '--password', 'reinitialise-2026');
    expect(await statusWithin(session, 401)).toBe(401);
    expect((await context.loginAs(member, 'reinitialise-2026').then((client) => client.get('/api/v1/me'))).status).toBe(
      200,
    );
  });

  it('deactivates an account and ends its sessions, in the running api too', async () => {
    const member = await context.makeMember();
    const session = await context.loginAs(member);
    expect((await session.get('/api/v1/me')).status).toBe(200);
    await run('deactivate', '--email', member.email);
    expect(await statusWithin(session, 401)).toBe(401);
    const [{ status }] = await context.dataSource.query('SELECT status FROM users WHERE id = $1', [member.id]);
    expect(status).toBe('deactivated');
  });

  it('refuses bad arguments before touching anything', async () => {
    await expect(run('create-admin', '--email', 'pas-un-courriel', '--name', 'X Y')).rejects.toThrow(
      /courriel|adresse|email/i,
    );
    await expect(run('create-admin', '--email', 'a@b.ca', '--name', 'Nom', '--password', 'court')).rejects.toThrow();
    const [{ count }] = await context.dataSource.query(
      `SELECT count(*)::int AS count FROM users WHERE email = 'a@b.ca'`,
    );
    expect(count).toBe(0);
  });

  it('says when the account does not exist', async () => {
    await expect(run('deactivate', '--email', 'personne@exemple.ca')).rejects.toThrow(/Aucun compte/);
  });

  it('rebuilds the search index from the database while the api keeps serving it', async () => {
    const member = await context.makeMember({ displayName: 'Maëlle Ouellet-Saindon' });
    const lines = await run('reindex');
    expect(lines.at(-1)).toMatch(/^Index de recherche reconstruit : \d+ documents\.$/);
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^Personnes : (\d+)\/\1$/)]));
    const client = await context.loginAs(member);
    const found = await client.get('/api/v1/search').query({ q: 'ouellet saindon', type: 'person' });
    expect(found.body.items.map((hit: { id: string }) => hit.id)).toEqual([member.id]);
  });

  it('imports a folder of documents from its metadata sheet, reporting the one bad row', async () => {
    const author = await context.makeMember({ displayName: 'Importatrice' });
    const folder = await mkdtemp(join(tmpdir(), 'maillage-import-'));
    try {
      await mkdir(join(folder, 'rapports'));
      await writeFile(
        join(folder, 'rapports', 'Bilan été 2025.pdf'),
        await pdfWith(['Bilan des haltes-chaleur de l’été.']),
      );
      await writeFile(join(folder, 'gabarit.md'), '# Gabarit de demande\n\nObjectifs, budget, partenaires.\n');
      await writeFile(join(folder, 'programme.pdf'), executable());
      await writeFile(
        join(folder, 'metadata.csv'),
        [
          'file,url,title,kind,volet,mrc,tags,space,author',
          `rapports/Bilan été 2025.pdf,,Bilan des haltes-chaleur,rapport,3,10;11,chaleur,reseau-regional,${author.email}`,
          `gabarit.md,,Gabarit de demande,gabarit,,,,reseau-regional,${author.email}`,
          `programme.pdf,,Programme,rapport,,,,reseau-regional,${author.email}`,
          `,https://www.example.org/guide,Guide en ligne,guide,1,,,reseau-regional,${author.email}`,
        ].join('\n'),
      );
      const lines = await run('import-resources', folder);
      expect(lines[0]).toBe('Importées : 3 ressources (dont 0 déjà présentes), 1 échec(s).');
      expect(lines[1]).toMatch(/^ {2}ligne 4 : Ce fichier est de type ELF/);
      const rows = await context.dataSource.query(
        `SELECT r.title, r.format, r.mrc_codes AS "mrcCodes", v.file_name AS "fileName" FROM resources r
         LEFT JOIN resource_versions v ON v.resource_id = r.id WHERE r.author_id = $1 ORDER BY r.title`,
        [author.id],
      );
      expect(rows).toEqual([
        { title: 'Bilan des haltes-chaleur', format: 'file', mrcCodes: ['10', '11'], fileName: 'Bilan été 2025.pdf' },
        { title: 'Gabarit de demande', format: 'file', mrcCodes: [], fileName: 'gabarit.md' },
        { title: 'Guide en ligne', format: 'link', mrcCodes: [], fileName: null },
      ]);
      const again = await run('import-resources', folder);
      expect(again[0]).toBe('Importées : 3 ressources (dont 3 déjà présentes), 1 échec(s).');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
