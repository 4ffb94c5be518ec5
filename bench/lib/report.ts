import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { root } from './platform';

/** The query plans a report shows, one section each. */
export const plansSection = (plans: Record<string, string>): string => `## Query plans on the bench data

${Object.entries(plans)
  .map(([name, plan]) => `### ${name}\n\n\`\`\`\n${plan}\n\`\`\``)
  .join('\n\n')}
`;

/** Writes `bench/<name>/REPORT.md`, and the raw numbers under the ignored `bench/results/`. */
export async function saveReport(name: string, markdown: string, raw: unknown): Promise<void> {
  await mkdir(join(root, 'bench/results'), { recursive: true });
  await writeFile(join(root, `bench/${name}/REPORT.md`), markdown);
  await writeFile(join(root, `bench/results/${name}.raw.json`), JSON.stringify(raw, null, 2));
}
