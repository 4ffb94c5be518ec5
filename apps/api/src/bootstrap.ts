import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';

import { AppModule } from './app.module';
import { apiDocsRouter } from './common/api-docs';
import { issueCsrfCookie } from './common/http/csrf';
import { Problem } from './common/http/problems';
import { requestLog } from './common/http/request-log';
import { NestPinoLogger } from './common/logger';
import type { AppConfig } from './config/app-config';
import { DemoEvents } from './events/demo-events';
import { DemoConversations } from './forums/demo-conversations';
import { PortraitRefresher } from './portrait/portrait-refresher';
import { RedisIoAdapter } from './realtime/redis-io-adapter';
import { DemoSearchMisses } from './search/demo-search-misses';
import { SeedService } from './seed/seed.service';

/** body-parser's errors carry a status and a `type`; members get a French problem instead of its message. */
function bodyProblem(error: unknown): unknown {
  const { status, type } = error as { status?: number; type?: string };
  if (type === 'entity.parse.failed')
    return new Problem(400, 'malformed-json', 'Requête invalide', 'Le corps de la requête n’est pas du JSON valide.');
  if (type === 'entity.too.large')
    return new Problem(413, 'body-too-large', 'Contenu trop volumineux', 'Le corps de la requête dépasse 256 Kio.');
  if (status && status < 500)
    return new Problem(status, `http-${status}`, 'Requête invalide', 'Le corps de la requête ne peut pas être lu.');
  return error;
}

/** Builds the api (not yet listening) for a configuration whose services are known; used by main and the tests. */
export async function createApp(config: AppConfig, logger: Logger): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger), {
    logger: new NestPinoLogger(logger),
    bodyParser: false,
  });
  // Behind the compose file's proxy, the client address comes from X-Forwarded-For.
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'", 'ws:', 'wss:'],
          upgradeInsecureRequests: config.publicUrl.startsWith('https:') ? [] : null,
        },
      },
      hsts: config.publicUrl.startsWith('https:'),
    }),
  );
  app.use(requestLog(logger, (request) => request.url === '/api/health'));
  // Members' data is never kept by a browser or a proxy: every api answer is `private, no-store` unless its route says
  // otherwise (avatars). Nothing being cached, Express's ETag — a SHA-1 of each body — would only cost CPU.
  app.set('etag', false);
  app.use('/api', (_request: Request, response: Response, next: NextFunction) => {
    response.setHeader('Cache-Control', 'private, no-store');
    next();
  });
  app.use(cookieParser());
  app.use(issueCsrfCookie(config.publicUrl.startsWith('https:')));
  const parseJson = express.json({ limit: '256kb' });
  app.use('/api', (request: Request, response: Response, next: NextFunction) =>
    parseJson(request, response, (error?: unknown) => next(error ? bodyProblem(error) : undefined)),
  );
  app.use(apiDocsRouter());
  app.setGlobalPrefix('api');
  if (config.redisUrl) {
    const adapter = new RedisIoAdapter(app, config.redisUrl, config.realtimeStream);
    await adapter.connect();
    app.useWebSocketAdapter(adapter);
  }
  await app.init();
  return app;
}

/**
 * Seeds what the mode calls for: the regional structure always; outside production, demo members and, on the start
 * that creates them, their first forum conversations and calendar events, a year of searches that found nothing, and
 * the portrait's figures.
 */
export async function seedData(app: NestExpressApplication, config: AppConfig, logger: Logger): Promise<void> {
  const seed = app.get(SeedService);
  if (await seed.seedRegionalStructure()) logger.info('seeded the regional structure (organizations and spaces)');
  if (config.isProduction || !(await seed.seedDemoMembers())) return;
  const conversations = await app.get(DemoConversations).seed();
  const events = await app.get(DemoEvents).seed();
  await app.get(DemoSearchMisses).seed();
  // The portrait shows the demo network at once rather than at its first scheduled refresh.
  await app.get(PortraitRefresher).refresh();
  logger.info({ conversations, events }, 'seeded the demo members, their first conversations and events');
}
