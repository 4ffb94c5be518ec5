import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { DevMail } from '@maillage/contracts';

import { createTestContext, TEST_PASSWORD, type TestContext } from '../../test/test-app';
import { MAX_FAILURES_PER_EMAIL } from './login-throttle.service';

let context: TestContext;

beforeAll(async () => {
  context = await createTestContext();
});

afterAll(() => context.close());

/** The invitation link's token, read from the mail written to the development mailbox. */
async function invitationTokenSentTo(email: string): Promise<string> {
  await context.drainOutbox();
  const folder = join(context.config.dataDir, 'mail');
  const mails = await Promise.all(
    (await readdir(folder))
      .filter((name) => name.endsWith('.json'))
      .map(async (name) => JSON.parse(await readFile(join(folder, name), 'utf8')) as DevMail),
  );
  const mail = mails.filter((candidate) => candidate.to === email).sort((a, b) => b.sentAt.localeCompare(a.sentAt))[0];
  const token = mail?.text.match(/\/invitation\/([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no invitation mail for ${email}`);
  return token;
}

async function invite(email: string, role = 'member') {
  const admin = await context.loginAs(await context.makeMember({ role: 'admin', organization: 'crd' }));
  const organizations = await admin.get('/api/v1/organizations');
  const mitis = organizations.body.items.find((organization: { slug: string }) => organization.slug === 'la-mitis');
  const response = await admin.post('/api/v1/invitations', { email, organizationId: mitis.id, role });
  return { admin, response };
}

describe('invitations', () => {
  it('takes an invited person from the emailed link to a session and /me', async () => {
    const { response } = await invite('Nouvelle.Agente@Exemple.ca');
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ email: 'nouvelle.agente@exemple.ca', status: 'pending', role: 'member' });

    const token = await invitationTokenSentTo('nouvelle.agente@exemple.ca');
    const visitor = await context.client();
    const preview = await visitor.get(`/api/v1/invitations/${token}`);
    expect(preview.status).toBe(200);
    expect(preview.body.organization.slug).toBe('la-mitis');

    const accepted = await visitor.post(`/api/v1/invitations/${token}/accept`, {
      displayName: 'Nouvelle Agente',
      password: 'un-mot-de-passe-sur',
    });
    expect(accepted.status).toBe(204);
    const me = await visitor.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      email: 'nouvelle.agente@exemple.ca',
      displayName: 'Nouvelle Agente',
      role: 'member',
    });
    expect(me.body.organization.slug).toBe('la-mitis');

    const again = await context.client();
    const login = await again.post('/api/v1/auth/login', {
      email: 'nouvelle.agente@exemple.ca',
      password: 'un-mot-de-passe-sur',
    });
    expect(login.status).toBe(204);
  });

  it('refuses a used invitation with a clear message, and creates no second account', async () => {
    await invite('deux.fois@exemple.ca');
    const token = await invitationTokenSentTo('deux.fois@exemple.ca');
    const first = await (
      await context.client()
    ).post(`/api/v1/invitations/${token}/accept`, { displayName: 'Première', password: 'un-mot-de-passe-sur' });
    expect(first.status).toBe(204);
    const second = await (
      await context.client()
    ).post(`/api/v1/invitations/${token}/accept`, { displayName: 'Seconde', password: 'un-autre-mot-de-passe' });
    expect(second.status).toBe(410);
    expect(second.body.detail).toMatch(/déjà été utilisée/);
    const [{ count }] = await context.dataSource.query(
      `SELECT count(*)::int AS count FROM users WHERE email = 'deux.fois@exemple.ca'`,
    );
    expect(count).toBe(1);
  });

  it('refuses an expired invitation', async () => {
    await invite('en.retard@exemple.ca');
    const token = await invitationTokenSentTo('en.retard@exemple.ca');
    await context.dataSource.query(
      `UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE email = 'en.retard@exemple.ca'`,
    );
    const visitor = await context.client();
    expect((await visitor.get(`/api/v1/invitations/${token}`)).status).toBe(410);
    const response = await visitor.post(`/api/v1/invitations/${token}/accept`, {
      displayName: 'En Retard',
      password: 'un-mot-de-passe-sur',
    });
    expect(response.status).toBe(410);
    expect(response.body.detail).toMatch(/expiré/);
  });

  it('answers 404 to an unknown token and 409 to an address that already has an account', async () => {
    const visitor = await context.client();
    expect((await visitor.get('/api/v1/invitations/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).status).toBe(404);
    const existing = await context.makeMember();
    const { response } = await invite(existing.email);
    expect(response.status).toBe(409);
  });

  it('lets a moderator invite members but not administrators; members cannot invite', async () => {
    const moderator = await context.loginAs(await context.makeMember({ role: 'moderator' }));
    const organizations = (await moderator.get('/api/v1/organizations')).body.items;
    const crd = organizations.find((organization: { slug: string }) => organization.slug === 'crd');
    expect(
      (await moderator.post('/api/v1/invitations', { email: 'invite.mod@exemple.ca', organizationId: crd.id })).status,
    ).toBe(201);
    expect(
      (
        await moderator.post('/api/v1/invitations', {
          email: 'admin.mod@exemple.ca',
          organizationId: crd.id,
          role: 'admin',
        })
      ).status,
    ).toBe(403);
    const member = await context.loginAs(await context.makeMember());
    expect((await member.post('/api/v1/invitations', { email: 'x@exemple.ca', organizationId: crd.id })).status).toBe(
      403,
    );
  });
});

describe('sign-in', () => {
  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const member = await context.makeMember();
    const client = await context.client();
    const wrong = await client.post('/api/v1/auth/login', { email: member.email, password: 'pas-le-bon-mot' });
    const unknown = await client.post('/api/v1/auth/login', {
      email: 'personne@exemple.ca',
      password: 'pas-le-bon-mot',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    expect((await client.get('/api/v1/me')).status).toBe(401);
  });

  it('locks an email out after repeated failures, even for the right password, with a clear message', async () => {
    const member = await context.makeMember();
    const client = await context.client();
    for (let attempt = 0; attempt < MAX_FAILURES_PER_EMAIL; attempt += 1) {
      expect((await client.post('/api/v1/auth/login', { email: member.email, password: 'mauvais-mot' })).status).toBe(
        401,
      );
    }
    const locked = await client.post('/api/v1/auth/login', { email: member.email, password: TEST_PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.detail).toMatch(/réessayez dans \d+ minutes?/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('forgets failures once they leave the lockout window', async () => {
    const member = await context.makeMember();
    const client = await context.client();
    for (let attempt = 0; attempt < MAX_FAILURES_PER_EMAIL; attempt += 1) {
      await client.post('/api/v1/auth/login', { email: member.email, password: 'mauvais-mot' });
    }
    await context.dataSource.query(
      `UPDATE login_failures SET failed_at = now() - interval '16 minutes' WHERE email = $1`,
      [member.email],
    );
    expect((await client.post('/api/v1/auth/login', { email: member.email, password: 'encore-faux' })).status).toBe(
      401,
    );
    const [{ count }] = await context.dataSource.query(
      'SELECT count(*)::int AS count FROM login_failures WHERE email = $1',
      [member.email],
    );
    expect(count).toBe(1);
    expect((await client.post('/api/v1/auth/login', { email: member.email, password: TEST_PASSWORD })).status).toBe(
      204,
    );
  });

  it('opens one session per sign-in, and logout ends it', async () => {
    const member = await context.makeMember();
    const client = await context.loginAs(member);
    const [{ count }] = await context.dataSource.query(
      'SELECT count(*)::int AS count FROM sessions WHERE user_id = $1',
      [member.id],
    );
    expect(count).toBe(1);
    expect((await client.post('/api/v1/auth/logout')).status).toBe(204);
    expect((await client.get('/api/v1/me')).status).toBe(401);
  });
});

describe('sessions', () => {
  it('lists my sessions and revokes another one', async () => {
    const member = await context.makeMember();
    const laptop = await context.loginAs(member);
    const phone = await context.loginAs(member);
    const listed = await laptop.get('/api/v1/me/sessions');
    expect(listed.body.items).toHaveLength(2);
    const other = listed.body.items.find((session: { current: boolean }) => !session.current);
    expect((await laptop.delete(`/api/v1/me/sessions/${other.id}`)).status).toBe(204);
    expect((await phone.get('/api/v1/me')).status).toBe(401);
    expect((await laptop.get('/api/v1/me')).status).toBe(200);
  });

  it('cannot revoke somebody else’s session', async () => {
    const alice = await context.makeMember();
    const bob = await context.makeMember();
    const aliceClient = await context.loginAs(alice);
    await context.loginAs(bob);
    const [bobSession] = await context.dataSource.query('SELECT id FROM sessions WHERE user_id = $1', [bob.id]);
    expect((await aliceClient.delete(`/api/v1/me/sessions/${bobSession.id}`)).status).toBe(404);
  });

  it('ends the other sessions when the password changes', async () => {
    const member = await context.makeMember();
    const here = await context.loginAs(member);
    const elsewhere = await context.loginAs(member);
    const changed = await here.post('/api/v1/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'nouveau-mot-de-passe',
    });
    expect(changed.status).toBe(204);
    expect((await here.get('/api/v1/me')).status).toBe(200);
    expect((await elsewhere.get('/api/v1/me')).status).toBe(401);
    const wrongCurrent = await here.post('/api/v1/me/password', {
      currentPassword: 'pas-le-bon',
      newPassword: 'encore-un-autre-mot',
    });
    expect(wrongCurrent.status).toBe(400);
    expect(wrongCurrent.body.errors[0].path).toBe('body.currentPassword');
  });

  it('logs a deactivated member out everywhere and refuses their sign-in', async () => {
    const member = await context.makeMember();
    const sessions = [await context.loginAs(member), await context.loginAs(member)];
    const admin = await context.loginAs(await context.makeMember({ role: 'admin' }));
    const response = await admin.patch(`/api/v1/admin/members/${member.id}`, { status: 'deactivated' });
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('deactivated');
    for (const session of sessions) expect((await session.get('/api/v1/me')).status).toBe(401);
    const login = await (
      await context.client()
    ).post('/api/v1/auth/login', { email: member.email, password: TEST_PASSWORD });
    expect(login.status).toBe(403);
  });

  it('keeps at least one active administrator', async () => {
    const [{ count }] = await context.dataSource.query(
      `SELECT count(*)::int AS count FROM users WHERE role = 'admin' AND status = 'active'`,
    );
    expect(count).toBeGreaterThan(0);
    await context.dataSource.query(`UPDATE users SET role = 'member' WHERE role = 'admin'`);
    const lastAdmin = await context.makeMember({ role: 'admin' });
    const client = await context.loginAs(lastAdmin);
    const response = await client.patch(`/api/v1/admin/members/${lastAdmin.id}`, { role: 'member' });
    expect(response.status).toBe(409);
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request without the token, and changes nothing', async () => {
    const member = await context.makeMember();
    const client = await context.loginAs(member);
    const forged = await client.agent
      .post('/api/v1/me/password')
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'vole-le-compte-123' });
    expect(forged.status).toBe(403);
    expect(forged.body.type).toBe('/problems/csrf');
    const wrongToken = await client.agent
      .post('/api/v1/auth/logout')
      .set('X-CSRF-Token', 'pas-le-bon-jeton-du-tout-0000');
    expect(wrongToken.status).toBe(403);
    expect((await client.get('/api/v1/me')).status).toBe(200);
    const relogin = await (
      await context.client()
    ).post('/api/v1/auth/login', { email: member.email, password: TEST_PASSWORD });
    expect(relogin.status).toBe(204);
  });
});

describe('handles', () => {
  it('gives every account a distinct handle from its name, even when namesakes are created at once', async () => {
    const namesakes = await Promise.all(
      Array.from({ length: 5 }, () => context.makeMember({ displayName: 'Geneviève Côté' })),
    );
    const handles = namesakes.map((user) => user.handle).sort();
    expect(new Set(handles).size).toBe(5);
    expect(handles.every((handle) => /^genevieve\.cote(-\d+)?$/.test(handle))).toBe(true);
  });
});
