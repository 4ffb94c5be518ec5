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
async function statusWithin(client: TestClient, expected: number, milliseconds = 1000): Promise<number> {
  const deadline = Date.now() + milliseconds;
  let status = (await client.get('/api/v1/me')).status;
  while (status !== expected && Date.now() < deadline) {
    await new Promise((wake) => setTimeout(wake, 25));
    status = (await client.get('/api/v1/me')).status;
  }
  return status;
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
});
