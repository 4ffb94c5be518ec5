import { rm } from 'node:fs/promises';

/** SIGTERM, as an operator would; the platform stops its embedded services itself. */
export default async function stopPlatform(): Promise<void> {
  const platform = globalThis.maillagePlatform;
  if (!platform) return;
  process.kill(platform.pid, 'SIGTERM');
  for (let waited = 0; waited < 30_000; waited += 200) {
    try {
      process.kill(platform.pid, 0);
    } catch {
      break;
    }
    await new Promise((wake) => setTimeout(wake, 200));
  }
  await rm(platform.dataDir, { recursive: true, force: true });
}
