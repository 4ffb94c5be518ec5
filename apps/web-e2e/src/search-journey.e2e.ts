import type { Browser } from 'playwright-core';

import { baseUrl, checkPage, launchChromium, signIn } from './support/browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(() => browser?.close());

describe('searching the network', () => {
  it('finds a topic from the header with a typo, then narrows the full results by facet', async () => {
    const author = await (await browser.newContext({ locale: 'fr-CA' })).newPage();
    await signIn(author, 'genevieve.cote@maillage.demo', 'maillage-demo');
    await author.getByRole('link', { name: 'Volet 2 — Travail de rue' }).click();
    await author.getByRole('button', { name: 'Nouveau sujet' }).click();
    await author.getByLabel('Titre').fill('Refuge d’hiver et itinérance cachée');
    await author.getByLabel('Étiquettes').fill('itinérance, hébergement');
    await author
      .getByLabel('Message', { exact: true })
      .fill('Notre travailleuse de rue observe plus d’itinérance cachée chez les aînés cet hiver.');
    await author.getByRole('button', { name: 'Publier le sujet' }).click();
    await author.getByRole('heading', { level: 1, name: 'Refuge d’hiver et itinérance cachée' }).waitFor();
    // Indexing follows the write through the outbox: wait until this very topic is searchable (a typo-tolerant word
    // may find other documents first), as a member would retry.
    const topicUrl = new URL(author.url()).pathname;
    const deadline = Date.now() + 15_000;
    for (;;) {
      const found = await author.request.get(`${baseUrl()}/api/v1/search?q=refuge&type=topic`);
      const { items } = (await found.json()) as { items: { url: string }[] };
      if (items.some((item) => item.url === topicUrl)) break;
      if (Date.now() > deadline) throw new Error('the new topic was not indexed within 15 s');
      await author.waitForTimeout(200);
    }

    const reader = await (await browser.newContext({ locale: 'fr-CA' })).newPage();
    await signIn(reader, 'isabelle.ouellet@maillage.demo', 'maillage-demo');
    const searchBox = reader.getByRole('combobox', { name: 'Rechercher dans Maillage' });
    await searchBox.waitFor();
    // "/" from anywhere focuses the search box (its listener attaches just after the header shows: press until then);
    // a typo and no accents still find the topic.
    const focused = () => searchBox.evaluate((element) => element === document.activeElement);
    for (let attempt = 0; attempt < 20 && !(await focused()); attempt += 1) {
      await reader.keyboard.press('/');
      await reader.waitForTimeout(50);
    }
    expect(await focused()).toBe(true);
    await reader.keyboard.type('itinerence cachee');
    const suggestions = reader.getByRole('listbox', { name: 'Résultats instantanés' });
    await suggestions.getByRole('option', { name: /Refuge d’hiver et itinérance cachée/ }).waitFor({ timeout: 10_000 });
    expect(await checkPage(reader, '20-recherche-instantanee')).toEqual([]);
    // The list opens where it can be read whole, whatever the screen's width and the box's place in the header (it
    // once opened off the left edge).
    const wide = reader.viewportSize()!;
    for (const width of [wide.width, 1000, 800, 390]) {
      await reader.setViewportSize({ width, height: wide.height });
      await reader.waitForFunction(
        (list) => {
          const { left, right } = list!.getBoundingClientRect();
          return left >= 0 && right <= document.documentElement.clientWidth;
        },
        await suggestions.elementHandle(),
        { timeout: 2000 },
      );
    }
    await reader.setViewportSize(wide);

    await reader.getByRole('option', { name: /Voir tous les résultats/ }).click();
    await reader.getByRole('heading', { level: 1, name: 'Recherche' }).waitFor();
    await reader
      .getByRole('status')
      .filter({ hasText: /résultat/ })
      .waitFor();
    const hit = reader.locator('.search-hit', { hasText: 'Refuge d’hiver' });
    await hit.locator('mark').first().waitFor();
    // The facet is the address's state: ticking it navigates, and the box shows ticked once the page re-renders.
    const topicsFacet = reader.getByRole('group', { name: 'Type' }).getByLabel(/Sujets/);
    await topicsFacet.click();
    await reader.waitForURL(/type=topic/);
    await reader
      .getByRole('group', { name: 'Type' })
      .getByRole('checkbox', { name: /Sujets/, checked: true })
      .waitFor();
    await hit.waitFor();
    expect(await checkPage(reader, '21-page-de-recherche')).toEqual([]);
    // On a phone the query and its button fit the screen, and the results come before the filters.
    await reader.setViewportSize({ width: 390, height: wide.height });
    const searchButton = await reader.getByRole('button', { name: 'Rechercher', exact: true }).boundingBox();
    expect(searchButton!.x + searchButton!.width).toBeLessThanOrEqual(390);
    const [results, filters] = await Promise.all([
      reader.getByRole('region', { name: 'Résultats' }).boundingBox(),
      reader.getByRole('complementary', { name: 'Filtres' }).boundingBox(),
    ]);
    expect(results!.y).toBeLessThan(filters!.y);
    await reader.setViewportSize(wide);

    await hit.getByRole('link').click();
    await reader.getByRole('heading', { level: 1, name: 'Refuge d’hiver et itinérance cachée' }).waitFor();
  });
});
