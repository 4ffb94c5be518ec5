import type { Browser } from 'playwright-core';

import { baseUrl, checkPage, launchChromium, signIn } from './support/browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(() => browser?.close());

describe('people', () => {
  it('finds who works on food security in La Mitis, writes to him from his profile, and he reads it', async () => {
    const asker = await (await browser.newContext({ locale: 'fr-CA' })).newPage();
    const julien = await (await browser.newContext({ locale: 'fr-CA' })).newPage();
    await signIn(asker, 'sophie.rioux@maillage.demo', 'maillage-demo');
    await signIn(julien, 'julien.pelletier@maillage.demo', 'maillage-demo');

    await asker.getByRole('link', { name: 'Membres' }).click();
    await asker.getByRole('heading', { level: 1, name: 'Membres' }).waitFor();
    await asker.getByLabel('Thème d’expertise').selectOption('sécurité alimentaire');
    await asker.getByLabel('MRC desservie').selectOption({ label: 'MRC de La Mitis' });
    await asker.getByLabel('Chercher un membre').fill('securite');
    await asker.getByRole('link', { name: 'Julien Pelletier' }).waitFor();
    expect(await checkPage(asker, '60-directory')).toEqual([]);

    await asker.getByRole('link', { name: 'Julien Pelletier' }).click();
    await asker.getByRole('heading', { level: 1, name: 'Julien Pelletier' }).waitFor();
    await asker.getByText('Agent de concertation en sécurité alimentaire').first().waitFor();
    expect(await checkPage(asker, '61-profile')).toEqual([]);
    await asker.getByRole('button', { name: 'Écrire un message à Julien Pelletier' }).click();
    await asker.waitForURL(/\/discussions\/[0-9a-f-]{36}$/);
    const composer = asker.getByRole('textbox', { name: 'Écrire un message', exact: true });
    await composer.fill('Bonjour Julien, comment démarrer des cuisines collectives aux Basques?');
    await composer.press('Enter');

    await julien.getByRole('link', { name: 'Discussions' }).click();
    // He finds the conversation under her name.
    await julien
      .getByRole('navigation', { name: 'Canaux' })
      .getByRole('link', { name: 'Sophie Rioux', exact: true })
      .click();
    await julien.getByText('comment démarrer des cuisines collectives').waitFor();
  });

  it('edits my profile: what I serve and who sees my email', async () => {
    const page = await (await browser.newContext({ locale: 'fr-CA' })).newPage();
    await signIn(page, 'louis.chouinard@maillage.demo', 'maillage-demo');
    await page.getByRole('link', { name: 'Forums' }).waitFor();
    await page.goto(`${baseUrl()}/compte/profil`);
    await page.getByRole('heading', { level: 1, name: 'Mon profil' }).waitFor();
    await page.getByLabel('Présentation').fill('J’accompagne les écoles du Kamouraska.');
    await page.getByRole('checkbox', { name: 'petite enfance et famille' }).check();
    await page.getByRole('group', { name: 'Qui voit mon courriel' }).getByLabel('Personne').check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Profil enregistré.').waitFor();
    expect(await checkPage(page, '62-profile-editor')).toEqual([]);

    await page.getByRole('link', { name: 'Voir mon profil comme les autres membres le voient' }).click();
    await page.getByText('J’accompagne les écoles du Kamouraska.').waitFor();
  });

  it('visits an MRC page, chooses how to hear of mentions, and finds the privacy page', async () => {
    const page = await (await browser.newContext({ locale: 'fr-CA' })).newPage();
    await signIn(page, 'annie.dube@maillage.demo', 'maillage-demo');
    await page.getByRole('link', { name: 'Forums' }).waitFor();
    await page.goto(`${baseUrl()}/organisations/riviere-du-loup`);
    await page.getByRole('heading', { level: 1, name: 'MRC de Rivière-du-Loup' }).waitFor();
    await page.getByText(/Cacouna/).waitFor();
    await page.getByRole('link', { name: 'Simon Lévesque' }).waitFor();
    expect(await checkPage(page, '63-organization')).toEqual([]);

    await page.goto(`${baseUrl()}/notifications`);
    await page.getByRole('heading', { level: 2, name: 'Mes préférences' }).waitFor();
    await page.getByRole('radio', { name: 'Mentions : Jamais' }).check();
    await page.getByLabel('Heure du résumé quotidien (heure du Québec)').selectOption('17');
    await page.getByRole('button', { name: 'Enregistrer mes préférences' }).click();
    await page.getByText('Préférences enregistrées.').waitFor();
    expect(await checkPage(page, '64-notification-preferences')).toEqual([]);

    await page.goto(`${baseUrl()}/compte`);
    await page.getByRole('link', { name: 'Mes données personnelles' }).click();
    await page.getByRole('link', { name: 'Télécharger mes données' }).waitFor();
    expect(await checkPage(page, '65-privacy')).toEqual([]);
  });
});
