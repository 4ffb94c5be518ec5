import { randomBytes, timingSafeEqual } from 'node:crypto';

import { type CanActivate, type ExecutionContext, HttpStatus, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';

import { CSRF_COOKIE, CSRF_HEADER, setCsrfCookie } from './cookies';
import { Problem } from './problems';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Gives every browser a CSRF token cookie on its first response (the web page itself included). */
export function issueCsrfCookie(secure: boolean) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!request.cookies?.[CSRF_COOKIE]) {
      const token = randomBytes(24).toString('base64url');
      setCsrfCookie(response, token, secure);
      request.cookies = { ...request.cookies, [CSRF_COOKIE]: token };
    }
    next();
  };
}

const WITHOUT_CSRF = 'maillage:without-csrf';

/**
 * For a route whose request carries its own proof and acts on no session (a signed unsubscribe link, posted by a mail
 * client that has no cookie): there is nothing for a forged request to borrow.
 */
export const WithoutCsrf = () => SetMetadata(WITHOUT_CSRF, true);

/** Double submit: a state-changing request must repeat its CSRF cookie in the X-CSRF-Token header. */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    // Sockets authenticate at the handshake, by the same-site session cookie; there is no form to forge.
    if (context.getType() !== 'http') return true;
    if (this.reflector.get<boolean>(WITHOUT_CSRF, context.getHandler())) return true;
    const request = context.switchToHttp().getRequest<Request>();
    if (SAFE_METHODS.has(request.method)) return true;
    const cookie = request.cookies?.[CSRF_COOKIE];
    const header = request.get(CSRF_HEADER);
    if (typeof cookie === 'string' && header && cookie.length === header.length) {
      if (timingSafeEqual(Buffer.from(cookie), Buffer.from(header))) return true;
    }
    throw new Problem(
      HttpStatus.FORBIDDEN,
      'csrf',
      'Jeton CSRF manquant ou invalide',
      'La requête ne porte pas le jeton anti-falsification attendu (en-tête X-CSRF-Token). Rechargez la page et réessayez.',
    );
  }
}
