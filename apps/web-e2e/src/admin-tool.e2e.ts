import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

import { request } from 'playwright-core';

import { baseUrl } from './support/browser';

const root = resolve(__dirname, '../../..');

/** The built administration tool, pointed at the running platform's data folder as an operator would. */
async function admin(...args: string[]) {
  return promisify(execFile)(process.execPath, [resolve(root, 'dist/apps/api/cli.js'), ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: process.env.MAILLAGE_E2E_DATA_DIR, LOG_LEVEL: 'warn' },
  });
}

describe('the administration tool while the platform runs on the embedded default', () => {
  it('creates an administrator who can sign in at once with the one-time password', async () => {
    const { stdout } = await admin('create-admin', '--email', 'releve@crd-bsl.ca', '--name', 'Relève du CRD');
    const password = stdout.match(/Mot de passe à usage unique : (\S+)/)?.[1];
    expect(password).toBeDefined();

    const api = await request.newContext({ baseURL: baseUrl() });
    await api.get('/api/health');
    const csrf = (await api.storageState()).cookies.find((cookie) => cookie.name === 'maillage_csrf')!.value;
    const login = await api.post('/api/v1/auth/login', {
      headers: { 'X-CSRF-Token': csrf },
      data: { email: 'releve@crd-bsl.ca', password },
    });
    expect(login.status()).toBe(204);
    expect((await (await api.get('/api/v1/me')).json()).role).toBe('admin');
    await api.dispose();
  });

  it('exits with an error and a clear message for an unknown account', async () => {
    await expect(admin('deactivate', '--email', 'personne@exemple.ca')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Aucun compte pour personne@exemple.ca'),
    });
  });
});
