import 'reflect-metadata';

import type { NestExpressApplication } from '@nestjs/platform-express';

import { createApp, seedData } from './bootstrap';
import { createLogger } from './common/logger';
import { AppConfig, ConfigError } from './config/app-config';
import { migrateDatabase } from './database/data-source';
import { EmbeddedServices } from './runtime/embedded-services';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from './seed/seed.service';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = AppConfig.fromEnvironment();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const embedded = new EmbeddedServices(logger);
  let app: NestExpressApplication | undefined;
  let stopping = false;

  // Registered before anything starts, so that Ctrl-C during start-up also stops the child processes.
  const stop = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'stopping');
    await app?.close().catch((error: unknown) => logger.error({ err: error }, 'closing the api failed'));
    await embedded.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop('SIGINT', 0));
  process.on('SIGTERM', () => void stop('SIGTERM', 0));

  try {
    const running = await embedded.start(config);
    await migrateDatabase(running.databaseUrl!, logger);
    app = await createApp(running, logger);
    await seedData(app, running, logger);
    await app.listen(running.port, running.host);
  } catch (error) {
    const address =
      (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? ` Port ${config.port} is taken: set PORT.` : '';
    logger.fatal({ err: error }, `start-up failed.${address}`);
    await stop('start-up failed', 1);
    return;
  }

  const url = config.publicUrl;
  const lines = [`Maillage est prêt : ${url}`];
  if (!config.isProduction) {
    lines.push(`  Administratrice de démonstration : ${DEMO_ADMIN_EMAIL} / ${DEMO_PASSWORD}`);
    lines.push(`  (les autres membres de démonstration ont le même mot de passe)`);
    if (!config.smtpUrl) lines.push(`  Courriels de développement : ${url}/dev/courriels`);
  }
  lines.push(`  API : ${url}/api/docs`);
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}

void main();
