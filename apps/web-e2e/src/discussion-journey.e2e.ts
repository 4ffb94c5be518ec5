import type { Browser, Page } from 'playwright-core';

import { checkPage, launchChromium, signIn } from './support/browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(() => browser?.close());

async function openGeneral(page: Page) {
  await page.getByRole('link', { name: 'Discussions' }).click();
  await page.getByRole('heading', { level: 1, name: 'Discussions' }).waitFor();
  await page.getByRole('link', { name: 'Volet 2 — Travail de rue · #général' }).click();
  await page.getByRole('heading', { level: 2, name: 'Volet 2 — Travail de rue · #général' }).waitFor();
}

describe('real-time discussion', () => {
  it('two members chat in a channel: each message appears live, typing shows, Shift+Enter keeps a new line', async () => {
    const first = await (await browser.newContext({ locale: 'fr-CA' })).newPage();
    const second = await (await browser.newContext({ locale: 'fr-CA' })).newPage();
    await signIn(first, 'francois.gagnon@maillage.demo', 'maillage-demo');
    await signIn(second, 'catherine.dionne@maillage.demo', 'maillage-demo');
    await openGeneral(first);
    await openGeneral(second);

    const composer = second.getByLabel('Écrire un message');
    await composer.click();
    await composer.pressSequentially('Bonjour de Rimouski-Neigette', { delay: 20 });
    await first.getByText('Catherine Dionne écrit…').waitFor();
    await composer.press('Shift+Enter');
    await composer.pressSequentially('Deuxième ligne');
    await composer.press('Enter');
    await first.getByText('Bonjour de Rimouski-Neigette').waitFor();
    await first.getByText('Deuxième ligne').waitFor();
    expect(await composer.inputValue()).toBe('');

    const reply = first.getByLabel('Écrire un message');
    await reply.fill('Bien reçu, merci!');
    await reply.press('Enter');
    await second.getByText('Bien reçu, merci!').waitFor();
    expect(await checkPage(second, '50-discussions')).toEqual([]);
  });
});
