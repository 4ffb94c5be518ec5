import type { Browser, Page } from 'playwright-core';

import { checkPage, launchChromium, signIn } from './support/browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(() => browser?.close());

/** A member signed in in a browser context of their own. */
async function signedInPage(email: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'fr-CA' })).newPage();
  await signIn(page, email, 'maillage-demo');
  return page;
}

async function openGeneral(page: Page) {
  await page.getByRole('link', { name: 'Discussions' }).click();
  await page.getByRole('heading', { level: 1, name: 'Discussions' }).waitFor();
  await page.getByRole('link', { name: 'Volet 2 — Travail de rue · #général' }).click();
  await page.getByRole('heading', { level: 2, name: 'Volet 2 — Travail de rue · #général' }).waitFor();
}

describe('real-time discussion', () => {
  it('two members chat in a channel: each message appears live, typing shows, Shift+Enter keeps a new line', async () => {
    const first = await signedInPage('francois.gagnon@maillage.demo');
    const second = await signedInPage('catherine.dionne@maillage.demo');
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
    // The typing line leaves with the message it announced, not seconds later.
    await first.getByText('Catherine Dionne écrit…').waitFor({ state: 'hidden', timeout: 1000 });
    // The draft is kept until the server acknowledges the message, which may come just after the others saw it.
    await second.waitForFunction(
      (field) => (field as HTMLTextAreaElement).value === '',
      await composer.elementHandle(),
    );

    const reply = first.getByLabel('Écrire un message');
    await reply.fill('Bien reçu, merci!');
    await reply.press('Enter');
    await second.getByText('Bien reçu, merci!').waitFor();

    // A reaction, a reply in the thread and an edit reach the other member live.
    const thanks = second.locator('li.message', { hasText: 'Bien reçu, merci!' });
    await thanks.getByRole('button', { name: 'Réagir' }).click();
    await thanks.getByRole('button', { name: '🎉' }).click();
    await first.locator('li.message', { hasText: 'Bien reçu, merci!' }).getByRole('button', { name: '🎉 1' }).waitFor();

    const greeting = first.locator('li.message', { hasText: 'Bonjour de Rimouski-Neigette' });
    await greeting.getByRole('button', { name: 'Répondre' }).click();
    await first.getByText('En réponse à Catherine Dionne :').waitFor();
    await reply.fill('On se voit à la table jeudi');
    await reply.press('Enter');
    const answer = second.locator('li.message', { hasText: 'On se voit à la table jeudi' });
    await answer.getByText('En réponse à Catherine Dionne :').waitFor();

    const own = second.locator('li.message', { hasText: 'Deuxième ligne' });
    await own.getByRole('button', { name: 'Modifier' }).click();
    // While edited, the message's text is in the field, no longer on the page.
    await second.getByLabel('Modifier le message').fill('Bonjour de Rimouski-Neigette (corrigé)');
    await second.getByRole('button', { name: 'Enregistrer' }).click();
    const edited = first.locator('li.message', { hasText: 'Bonjour de Rimouski-Neigette (corrigé)' });
    await edited.getByText('modifié').waitFor();
    expect(await checkPage(second, '50-discussions')).toEqual([]);
  });

  it('a message in another channel raises its unread badge live, and opening the channel clears it', async () => {
    const reader = await signedInPage('isabelle.ouellet@maillage.demo');
    const writer = await signedInPage('francois.gagnon@maillage.demo');
    await openGeneral(reader);
    const regional = 'Réseau régional · #général';
    const regionalItem = reader.getByRole('listitem').filter({ has: reader.getByRole('link', { name: regional }) });
    // Whatever the channel held before, the reader opens it once so that it starts read.
    await reader.getByRole('link', { name: regional }).click();
    await reader.getByRole('heading', { level: 2, name: regional }).waitFor();
    await regionalItem.getByText(/non lu/).waitFor({ state: 'hidden' });
    await reader.getByRole('link', { name: 'Volet 2 — Travail de rue · #général' }).click();
    await reader.getByRole('heading', { level: 2, name: 'Volet 2 — Travail de rue · #général' }).waitFor();

    await writer.getByRole('link', { name: 'Discussions' }).click();
    await writer.getByRole('link', { name: regional }).click();
    const composer = writer.getByLabel('Écrire un message');
    for (const text of ['La rencontre régionale est confirmée', 'Le 12 décembre à Rimouski']) {
      await composer.fill(text);
      await composer.press('Enter');
      await writer.getByRole('log').getByText(text).waitFor();
    }
    await regionalItem.getByText('2 non lus').waitFor();

    await reader.getByRole('link', { name: regional }).click();
    await reader.getByRole('log').getByText('Le 12 décembre à Rimouski').waitFor();
    await regionalItem.getByText(/non lu/).waitFor({ state: 'hidden' });

    // On a phone the open conversation takes the screen, with a way back to the channels.
    await reader.setViewportSize({ width: 390, height: 844 });
    const channelList = reader.getByRole('navigation', { name: 'Canaux' });
    await channelList.waitFor({ state: 'hidden' });
    await reader.getByRole('link', { name: '← Tous les canaux' }).click();
    await channelList.waitFor();
  });

  it('a member adds a channel to a space and lands in it; a colleague finds it; a taken name is refused', async () => {
    const founder = await signedInPage('genevieve.cote@maillage.demo');
    await founder.getByRole('link', { name: 'Discussions' }).click();
    await founder.getByRole('heading', { level: 1, name: 'Discussions' }).waitFor();
    await founder.getByText('Nouveau canal').click();
    await founder.getByLabel('Espace').selectOption({ label: 'Volet 2 — Travail de rue' });
    await founder.getByLabel('Nom du canal').fill('Hébergement d’urgence');
    await founder.getByRole('button', { name: 'Créer' }).click();
    const heading = 'Volet 2 — Travail de rue · #hébergement d’urgence';
    await founder.getByRole('heading', { level: 2, name: heading }).waitFor();
    await founder.getByRole('link', { name: heading }).waitFor();

    await founder.getByLabel('Nom du canal').fill('hébergement d’urgence');
    await founder.getByRole('button', { name: 'Créer' }).click();
    await founder.getByText('Nom déjà pris').waitFor();
    expect(await checkPage(founder, '51-nouveau-canal')).toEqual([]);

    const colleague = await signedInPage('catherine.dionne@maillage.demo');
    await colleague.getByRole('link', { name: 'Discussions' }).click();
    await colleague.getByRole('link', { name: heading }).click();
    await colleague.getByText('Aucun message encore : lancez la conversation.').waitFor();
  });
});
