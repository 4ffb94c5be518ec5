import type { Browser, Page } from 'playwright-core';

import { baseUrl, checkPage, launchChromium, signIn } from './support/browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(() => browser?.close());

async function signedIn(email: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'fr-CA' })).newPage();
  await signIn(page, email, 'maillage-demo');
  await page.getByRole('link', { name: 'Forums' }).waitFor();
  return page;
}

describe('network portrait', () => {
  it('shows the Comité directeur the map, charts and tables of the network and of an MRC, and prints', async () => {
    const page = await signedIn('valerie.michaud@maillage.demo');
    await page.getByRole('link', { name: 'Portrait', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Portrait du réseau' }).waitFor();
    await page.getByText(/Chiffres calculés le/).waitFor();

    // The map: eight MRC, each named with its figure, and its table.
    const map = page.getByRole('group', { name: /Carte schématique des 8 MRC/ });
    await map.waitFor();
    expect(await map.getByRole('link').count()).toBe(8);
    const mrcTable = page.getByRole('table', { name: 'Chiffres par MRC' });
    expect(await mrcTable.getByRole('row').count()).toBe(9);
    // The charts are drawn (SVG bars and a line) with their tables under them.
    await page.locator('.portrait-chart .recharts-bar-rectangle').first().waitFor();
    await page.locator('.portrait-chart .recharts-line-curve').first().waitFor();
    await page.getByRole('table', { name: 'Chiffres par volet' }).waitFor();
    expect(await page.getByRole('table', { name: 'Chiffres par mois' }).getByRole('row').count()).toBe(13);
    await page.getByRole('table', { name: 'Par organisation' }).waitFor();
    expect(await checkPage(page, '70-portrait-network')).toEqual([]);

    // Another figure, and a comparison with the year before.
    await page.getByLabel('Indicateur illustré').selectOption({ label: 'Réponses' });
    await page.getByRole('group', { name: /ombrées selon : Réponses/ }).waitFor();
    await page.getByLabel('Comparer avec').selectOption({ label: 'La période précédente' });
    await page.getByText(/comparé à/).waitFor();
    // A flat line of zeros has no height: attached, not "visible".
    await page.locator('.portrait-chart .recharts-line-curve').nth(1).waitFor({ state: 'attached' });
    await page
      .locator('.recharts-legend-item-text', { hasText: /avr\. 20\d\d à mars 20\d\d/ })
      .nth(1)
      .waitFor();

    // The MRC page, from the map.
    await map.getByRole('link', { name: /MRC de Kamouraska/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Portrait — MRC de Kamouraska' }).waitFor();
    await page.getByRole('table', { name: 'Chiffres par volet' }).waitFor();
    await page.getByRole('table', { name: 'Chiffres par mois' }).waitFor();
    expect(page.url()).toContain('compareFrom=');
    expect(await checkPage(page, '71-portrait-mrc')).toEqual([]);

    // Compared with months of one's choosing.
    await page.getByLabel('Comparer avec').selectOption({ label: 'D’autres mois' });
    await page.getByLabel('Comparer du mois').fill('2024-01');
    await page.getByLabel('au mois', { exact: true }).fill('2024-12');
    await page.getByText(/comparé à la période de janvier 2024 à décembre 2024/).waitFor();
    expect(page.url()).toContain('compareFrom=2024-01&compareTo=2024-12');

    // Its CSV is the table on the page.
    const download = await page.evaluate(async () => {
      const link = [...document.querySelectorAll('a')].find((anchor) =>
        anchor.textContent?.includes('« Chiffres par volet »'),
      );
      const response = await fetch(link!.href);
      return { type: response.headers.get('content-type'), text: await response.text() };
    });
    expect(download.type).toMatch(/^text\/csv/);
    expect(download.text).toContain('Volet 2 — Soutien au déploiement des services en travail de rue');

    // A volet's page: which MRC take part in it, on the map.
    await page.getByRole('link', { name: '← Portrait de tout le réseau' }).click();
    await page.getByRole('link', { name: 'Portrait — Volet 2' }).click();
    await page.getByRole('heading', { level: 1, name: 'Portrait — Volet 2' }).waitFor();
    await page.getByText('Soutien au déploiement des services en travail de rue').first().waitFor();
    await page.getByRole('group', { name: /Carte schématique des 8 MRC/ }).waitFor();
    await page.getByRole('table', { name: 'Chiffres par MRC' }).waitFor();
    expect(await checkPage(page, '72-portrait-volet')).toEqual([]);
    await page.goBack();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Portrait — MRC de Kamouraska' }).waitFor();

    // Months of one's choosing.
    await page.getByLabel('Type de période').selectOption({ label: 'Mois choisis' });
    await page.getByLabel('Du mois', { exact: true }).fill('2026-01');
    await page.getByLabel('Au mois', { exact: true }).fill('2026-06');
    await page.getByText(/^de janvier 2026 à juin 2026/).waitFor();
    expect(await page.getByRole('table', { name: 'Chiffres par mois' }).getByRole('row').count()).toBe(7);

    // Printed, the report keeps the figures and tables and drops the controls.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Imprimer le rapport' }).isVisible()).toBe(false);
    expect(await page.getByRole('table', { name: 'Chiffres par mois' }).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('shows other members the network overview only', async () => {
    const page = await signedIn('louis.chouinard@maillage.demo');
    await page.goto(`${baseUrl()}/portrait`);
    await page.getByRole('heading', { level: 1, name: 'Portrait du réseau' }).waitFor();
    await page.getByRole('group', { name: /Carte schématique des 8 MRC/ }).waitFor();
    expect(await page.getByRole('table', { name: 'Par organisation' }).count()).toBe(0);
    await page.goto(`${baseUrl()}/portrait/mrc/14`);
    await page
      .getByRole('alert')
      .getByText(/n’existe pas ou ne vous est pas accessible/)
      .waitFor();
  });
});
