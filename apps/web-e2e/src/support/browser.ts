import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';

export const ARTIFACTS = resolve(__dirname, '../../artifacts');

/** Debian's Chromium, never a downloaded browser, with the flags this closed network needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export const baseUrl = (): string => {
  const url = process.env.MAILLAGE_E2E_URL;
  if (!url) throw new Error('The platform was not started (global setup)');
  return url;
};

/** Saves a screenshot as a test artifact and returns axe's serious and critical violations on the page. */
export async function checkPage(page: Page, name: string): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact!,
      nodes: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl()}/connexion`);
  await page.getByLabel('Adresse courriel').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}
