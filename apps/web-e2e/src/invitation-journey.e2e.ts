import type { Browser } from 'playwright-core';

import { baseUrl, checkPage, launchChromium, signIn } from './support/browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(() => browser?.close());

describe('an administrator invites a member, who joins and sees what members see', () => {
  it('goes from the invitation to the new member’s home page, with no serious accessibility violation on the way', async () => {
    const admin = await (await browser.newContext({ locale: 'fr-CA' })).newPage();
    await admin.goto(`${baseUrl()}/`);
    await admin.waitForURL(/\/connexion/);
    expect(await checkPage(admin, '01-connexion')).toEqual([]);

    await signIn(admin, 'admin@maillage.demo', 'maillage-demo');
    await admin.getByRole('heading', { level: 1, name: /Bonjour, Nathalie Bélanger/ }).waitFor();
    expect(await admin.getByRole('link', { name: 'Comité directeur' }).count()).toBe(1);
    expect(await checkPage(admin, '02-accueil-admin')).toEqual([]);

    await admin.getByRole('link', { name: 'Administration' }).click();
    await admin.getByRole('heading', { name: 'Inviter une personne' }).waitFor();
    await admin.getByLabel('Adresse courriel').fill('claudine.roy@exemple.ca');
    await admin.getByLabel('Organisation').selectOption({ label: 'MRC de La Mitis' });
    await admin.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await admin.getByText('Invitation envoyée à claudine.roy@exemple.ca.').waitFor();
    await admin.getByRole('cell', { name: 'claudine.roy@exemple.ca', exact: true }).waitFor();
    expect(await checkPage(admin, '03-administration-invitations')).toEqual([]);

    await admin.goto(`${baseUrl()}/dev/courriels`);
    await admin.getByRole('button', { name: /Invitation à rejoindre Maillage — claudine\.roy@exemple\.ca/ }).click();
    const link = admin.getByRole('link', { name: /\/invitation\// });
    await link.waitFor();
    expect(await checkPage(admin, '04-courriels-de-developpement')).toEqual([]);
    const invitationUrl = new URL((await link.getAttribute('href'))!);

    const member = await (await browser.newContext({ locale: 'fr-CA' })).newPage();
    await member.goto(`${baseUrl()}${invitationUrl.pathname}`);
    await member.getByText('MRC de La Mitis').waitFor();
    expect(await checkPage(member, '05-invitation')).toEqual([]);
    await member.getByLabel('Nom affiché').fill('Claudine Roy');
    await member.getByLabel('Nouveau mot de passe').fill('solidarite-2026');
    await member.getByLabel('Confirmez le mot de passe').fill('solidarite-2026');
    await member.getByRole('button', { name: 'Créer mon compte' }).click();

    await member.getByRole('heading', { level: 1, name: 'Bonjour, Claudine Roy' }).waitFor();
    await member.getByRole('link', { name: 'Réseau régional' }).waitFor();
    await member.getByText('Vous ne faites partie d’aucun comité ou espace privé pour le moment.').waitFor();
    expect(await member.getByRole('link', { name: 'Comité directeur' }).count()).toBe(0);
    expect(await member.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    expect(await checkPage(member, '06-accueil-membre')).toEqual([]);

    await member.getByRole('button', { name: 'Se déconnecter' }).click();
    await member.waitForURL(/\/connexion/);
    await signIn(member, 'claudine.roy@exemple.ca', 'solidarite-2026');
    await member.getByRole('heading', { level: 1, name: 'Bonjour, Claudine Roy' }).waitFor();

    const privateSpace = await member.request.get(`${baseUrl()}/api/v1/spaces`);
    const visible = (await privateSpace.json()).items as { visibility: string }[];
    expect(visible.length).toBeGreaterThan(0);
    expect(visible.every((space) => space.visibility === 'network')).toBe(true);
  });

  it('offers the interface in English on request', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${baseUrl()}/connexion`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await checkPage(page, '07-sign-in-en')).toEqual([]);
  });
});
