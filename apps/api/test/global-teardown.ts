import { rm } from 'node:fs/promises';

export default async function globalTeardown(): Promise<void> {
  const services = globalThis.maillageTestServices;
  await services?.search.stop();
  await services?.database.stop();
  if (process.env.MAILLAGE_TEST_FOLDER) await rm(process.env.MAILLAGE_TEST_FOLDER, { recursive: true, force: true });
}
