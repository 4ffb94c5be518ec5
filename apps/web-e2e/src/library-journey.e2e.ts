import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Browser } from 'playwright-core';

import { baseUrl, checkPage, launchChromium, signIn } from './support/browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(() => browser?.close());

async function samplePdf(): Promise<Buffer> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  document
    .addPage()
    .drawText('Guide des haltes-chaleur : horaires, bénévoles et transport.', { x: 40, y: 700, size: 12, font });
  return Buffer.from(await document.save());
}

describe('the resource library', () => {
  it('uploads a document with its description, finds it in the list, adds a version and opens its discussion', async () => {
    const page = await (await browser.newContext({ locale: 'fr-CA' })).newPage();
    await signIn(page, 'catherine.dionne@maillage.demo', 'maillage-demo');
    await page.getByRole('link', { name: 'Ressources' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bibliothèque' }).waitFor();
    await page.getByRole('button', { name: 'Téléverser un document' }).click();
    await page.getByLabel('Fichier', { exact: true }).setInputFiles({
      name: 'Guide des haltes-chaleur.pdf',
      mimeType: 'application/pdf',
      buffer: await samplePdf(),
    });
    await page.getByText('Fichier choisi : Guide des haltes-chaleur.pdf').waitFor();
    await page.getByLabel('Espace', { exact: true }).selectOption({ label: 'Volet 2 — Travail de rue' });
    await page.getByLabel('Titre', { exact: true }).fill('Guide des haltes-chaleur');
    await page.getByLabel('Type', { exact: true }).selectOption('guide');
    await page.getByRole('checkbox', { name: 'Rimouski-Neigette' }).check();
    await page.getByLabel('Étiquettes', { exact: true }).fill('itinérance, hiver');
    expect(await checkPage(page, '40-bibliotheque-televerser')).toEqual([]);
    await page.getByRole('button', { name: 'Téléverser', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Guide des haltes-chaleur' }).waitFor();

    // The text is read in the background: the excerpt appears once it is.
    const deadline = Date.now() + 15_000;
    while (!(await page.getByText(/horaires, bénévoles et transport/).count())) {
      if (Date.now() > deadline) throw new Error('the text of the PDF was not read within 15 s');
      await page.waitForTimeout(300);
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Guide des haltes-chaleur' }).waitFor();
    }
    await page.getByText('Texte lu pour la recherche').waitFor();
    expect(await checkPage(page, '41-ressource')).toEqual([]);

    await page.getByRole('button', { name: 'Nouvelle version' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouvelle version' });
    await dialog.getByLabel('Fichier').setInputFiles({
      name: 'Guide des haltes-chaleur v2.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Mise à jour : nouvelle halte à Mont-Joli.\n'),
    });
    await dialog.getByLabel('Ce qui change').fill('Ajout de la halte de Mont-Joli');
    await dialog.getByRole('button', { name: 'Téléverser' }).click();
    await page.getByRole('link', { name: 'Version 2 — Guide des haltes-chaleur v2.txt' }).waitFor();
    await page.getByText('Ajout de la halte de Mont-Joli').waitFor();
    const download = await page.request.get(
      `${baseUrl()}${await page.getByRole('link', { name: /Version 1/ }).getAttribute('href')}`,
    );
    expect(download.headers()['content-disposition']).toContain("filename*=UTF-8''Guide%20des%20haltes-chaleur.pdf");

    await page.goto(`${baseUrl()}/ressources?kind=guide&mrc=10`);
    await page.getByRole('link', { name: 'Guide des haltes-chaleur' }).click();
    await page.getByRole('button', { name: 'Discuter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Discussion : Guide des haltes-chaleur' }).waitFor();
  });
});
