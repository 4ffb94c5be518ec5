import { randomUUID } from 'node:crypto';

import type { NextFunction, Request, Response } from 'express';
import type { Level, Logger } from 'pino';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Gives every request an id (the caller's X-Request-Id when it is well formed, else a fresh UUID, echoed in the
 * answer) and logs each answer once it is sent, or given up by the caller: info, error from 500 on. Our own rather
 * than pino-http, which serializes every request's headers into a child logger before knowing whether anything will
 * be logged (about 4% of the api's CPU per search in a profile, with LOG_LEVEL=warn).
 */
export function requestLog(logger: Logger, skip: (request: Request) => boolean) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const given = request.headers['x-request-id'];
    request.id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    response.setHeader('X-Request-Id', request.id);
    if (skip(request)) return next();
    const startedAt = performance.now();
    const logAnswer = () => {
      response.off('finish', logAnswer).off('close', logAnswer);
      const level: Level = response.statusCode >= 500 ? 'error' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          requestId: request.id,
          req: { method: request.method, url: request.originalUrl, remoteAddress: request.ip },
          res: { statusCode: response.statusCode },
          responseTime: Math.round(performance.now() - startedAt),
        },
        response.writableFinished ? 'request completed' : 'request aborted',
      );
    };
    response.on('finish', logAnswer).on('close', logAnswer);
    next();
  };
}
