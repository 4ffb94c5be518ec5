import type { Browser } from 'playwright-core';

import { checkPage, launchChromium, signIn } from './support/browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(() => browser?.close());

const context = () => browser.newContext({ locale: 'fr-CA', timezoneId: 'America/Toronto' });

describe('the event calendar', () => {
  it('creates a recurring event, another member registers, and it shows in their month view', async () => {
    const organizer = await (await context()).newPage();
    await signIn(organizer, 'genevieve.cote@maillage.demo', 'maillage-demo');
    await organizer.getByRole('link', { name: 'Calendrier' }).click();
    await organizer.getByRole('link', { name: 'Nouvel événement' }).click();
    await organizer.getByRole('heading', { level: 1, name: 'Nouvel événement' }).waitFor();
    await organizer.getByLabel('Espace').selectOption({ label: 'Réseau régional' });
    await organizer.getByLabel('Titre').fill('Codéveloppement des agents de travail de rue');
    await organizer.getByLabel('Description (Markdown)').fill('Partage de cas, **sans** noms.');
    await organizer.getByLabel('Répéter').selectOption('WEEKLY');
    await organizer.getByLabel('Se termine').selectOption('count');
    await organizer.getByLabel('occurrences').fill('6');
    await organizer.getByLabel('Municipalité').fill('Rivière-du-Loup');
    await organizer.getByLabel('Places').fill('12');
    expect(await checkPage(organizer, '30-nouvel-evenement')).toEqual([]);
    await organizer.getByRole('button', { name: 'Publier l’événement' }).click();
    await organizer.getByRole('heading', { level: 1, name: /Codéveloppement des agents/ }).waitFor();
    await organizer.getByText('Récurrent').waitFor();

    const member = await (await context()).newPage();
    await signIn(member, 'isabelle.ouellet@maillage.demo', 'maillage-demo');
    await member.getByRole('link', { name: 'Calendrier' }).click();
    await member.getByRole('heading', { level: 1, name: 'Calendrier' }).waitFor();
    // The first occurrence is tomorrow: a month later when today is the last day of the month.
    const tomorrow = new Date(Date.now() + 86_400_000);
    if (tomorrow.getDate() === 1) await member.locator('.fc-next-button').click();
    const entry = member.locator('.fc-daygrid-event', { hasText: 'Codéveloppement des agents' }).first();
    await entry.waitFor();
    expect(await checkPage(member, '31-calendrier-mois')).toEqual([]);
    await entry.click();
    await member.getByRole('heading', { level: 1, name: /Codéveloppement des agents/ }).waitFor();
    await member.getByRole('button', { name: 'Je serai présent·e' }).click();
    await member.getByText('Vous êtes inscrit·e.').waitFor();
    await member.getByText('1 inscrits sur 12 places').waitFor();
    expect(await checkPage(member, '32-evenement-inscrit')).toEqual([]);

    await member.getByRole('link', { name: 'Calendrier' }).click();
    if (tomorrow.getDate() === 1) await member.locator('.fc-next-button').click();
    await member.getByLabel('Seulement mes inscriptions').check();
    const mine = member.locator('.fc-daygrid-event.event-mine', { hasText: 'Codéveloppement des agents' });
    await mine.first().waitFor();
    expect(await mine.count()).toBe(1);

    await organizer.reload();
    await organizer.getByText('Isabelle Ouellet').waitFor();
  });
});
