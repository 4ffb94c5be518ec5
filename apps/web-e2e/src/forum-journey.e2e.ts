import type { Browser } from 'playwright-core';

import { baseUrl, checkPage, launchChromium, signIn } from './support/browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(() => browser?.close());

describe('a forum conversation between two members', () => {
  it('shows a reply live, with the unread badge and the notification, and no serious accessibility violation', async () => {
    const author = await (await browser.newContext({ locale: 'fr-CA' })).newPage();
    await signIn(author, 'genevieve.cote@maillage.demo', 'maillage-demo');
    await author.getByRole('link', { name: 'Réseau régional' }).click();
    await author.getByRole('heading', { name: 'Forum — Réseau régional' }).waitFor();
    await author.getByRole('button', { name: 'Nouveau sujet' }).click();
    await author.getByLabel('Titre').fill('Portrait territorial : qui a un gabarit?');
    await author.getByLabel('Étiquettes').fill('portrait, outils');
    await author
      .getByLabel('Message', { exact: true })
      .fill('Bonjour! Nous refaisons notre **portrait territorial** à La Matapédia. Qui a un gabarit récent?');
    await author.getByRole('button', { name: 'Aperçu' }).click();
    await author.locator('.preview strong', { hasText: 'portrait territorial' }).waitFor();
    expect(await checkPage(author, '10-nouveau-sujet')).toEqual([]);
    await author.getByRole('button', { name: 'Publier le sujet' }).click();
    await author.getByRole('heading', { level: 1, name: 'Portrait territorial : qui a un gabarit?' }).waitFor();
    const topicUrl = author.url();

    const replier = await (await browser.newContext({ locale: 'fr-CA' })).newPage();
    await signIn(replier, 'isabelle.ouellet@maillage.demo', 'maillage-demo');
    await replier.getByRole('link', { name: 'Forums' }).click();
    await replier.getByRole('link', { name: 'Portrait territorial : qui a un gabarit?' }).click();
    await replier.getByRole('heading', { level: 1, name: 'Portrait territorial : qui a un gabarit?' }).waitFor();
    await replier
      .getByLabel('Réponse', { exact: true })
      .fill('Oui @genevieve.cote, je vous envoie celui de La Matanie.');
    await replier.getByRole('button', { name: 'Envoyer' }).click();
    await replier.getByText('je vous envoie celui de La Matanie').waitFor();

    // The author, still on the topic page, sees the reply arrive without reloading.
    await author.getByText('je vous envoie celui de La Matanie').waitFor({ timeout: 5000 });
    expect(author.url()).toBe(topicUrl);
    expect(await checkPage(author, '11-sujet-en-direct')).toEqual([]);

    // Back on the space's forum, a second reply shows up as unread, live.
    await author.getByRole('link', { name: 'Réseau régional' }).click();
    await author.getByRole('heading', { name: 'Forum — Réseau régional' }).waitFor();
    await replier
      .getByLabel('Réponse', { exact: true })
      .fill('Et voici aussi notre grille d’analyse, @genevieve.cote.');
    await replier.getByRole('button', { name: 'Envoyer' }).click();
    const row = author.getByRole('row', { name: /Portrait territorial/ });
    await row.getByText('1 non lu').waitFor({ timeout: 5000 });
    // This mention arrives while the author is elsewhere: the bell shows it live. (Settling what was read is
    // checked exactly in the api's forum tests.)
    await author.locator('.bell-count').waitFor({ timeout: 5000 });
    expect(await checkPage(author, '12-forum-non-lu')).toEqual([]);

    await author.getByRole('link', { name: /Notifications/ }).click();
    // The mention that arrived while the author was elsewhere is still new; the one read live is not.
    await author
      .locator('.notification-list li.unread', { hasText: 'Isabelle Ouellet vous a mentionné dans' })
      .waitFor();
    expect(await checkPage(author, '13-notifications')).toEqual([]);
  });
});

describe('moderation', () => {
  it('takes a flagged post from the flag dialog to the moderators’ queue, where it is hidden', async () => {
    const author = await (await browser.newContext({ locale: 'fr-CA' })).newPage();
    await signIn(author, 'simon.levesque@maillage.demo', 'maillage-demo');
    await author.getByRole('link', { name: 'Volet 2 — Travail de rue' }).click();
    await author.getByRole('button', { name: 'Nouveau sujet' }).click();
    await author.getByLabel('Titre').fill('Achat groupé de trousses');
    await author
      .getByLabel('Message', { exact: true })
      .fill('Visitez mon site de vente de montres : https://exemple.com');
    await author.getByRole('button', { name: 'Publier le sujet' }).click();
    await author.getByRole('heading', { level: 1, name: 'Achat groupé de trousses' }).waitFor();
    const topicPath = new URL(author.url()).pathname;

    const reader = await (await browser.newContext({ locale: 'fr-CA' })).newPage();
    await signIn(reader, 'francois.gagnon@maillage.demo', 'maillage-demo');
    await reader.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
    await reader.goto(`${baseUrl()}${topicPath}`);
    await reader.getByRole('button', { name: 'Signaler #1' }).click();
    const dialog = reader.getByRole('dialog', { name: 'Signaler le message 1' });
    await dialog.getByLabel('Pourriel').check();
    await dialog.getByLabel('Précisions pour les modérateurs (facultatif)').fill('Publicité sans lien avec le réseau');
    expect(await checkPage(reader, '14-signalement')).toEqual([]);
    await dialog.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await dialog.waitFor({ state: 'detached' });

    const moderator = await (await browser.newContext({ locale: 'fr-CA' })).newPage();
    await signIn(moderator, 'alexandre.gauthier@maillage.demo', 'maillage-demo');
    await moderator.getByRole('link', { name: 'Modération' }).click();
    const entry = moderator.getByRole('article', { name: /Achat groupé de trousses — #1/ });
    await entry.getByText('Publicité sans lien avec le réseau').waitFor();
    expect(await checkPage(moderator, '15-moderation')).toEqual([]);
    await entry.getByRole('button', { name: 'Masquer' }).click();
    await moderator.getByText('Aucun signalement en attente.').waitFor();

    await reader.goto(`${baseUrl()}${topicPath}`);
    await reader.getByText('Ce message a été masqué par la modération.').waitFor();
  });
});
