import type { RouteContract } from '@maillage/contracts';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';

import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../common/http/cookies';
import { ROUTE_CONTRACT } from '../common/http/endpoint';
import { forbidden, unauthenticated } from '../common/http/problems';
import { AppConfig } from '../config/app-config';
import { SessionsService } from './sessions.service';
import { isStaff } from './viewer';

/**
 * Resolves the session cookie into `request.viewer` and enforces the route's declared access. A route without a
 * contract is treated as members-only.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const access =
      this.reflector.get<RouteContract | undefined>(ROUTE_CONTRACT, context.getHandler())?.access ?? 'member';
    const secure = this.config.publicUrl.startsWith('https:');

    const token: unknown = request.cookies?.[SESSION_COOKIE];
    if (typeof token === 'string' && token.length > 0) {
      const resolved = await this.sessions.resolve(token);
      if (resolved) {
        request.viewer = resolved.viewer;
        if (resolved.renewed) setSessionCookie(response, token, resolved.expiresAt, secure);
      } else {
        clearSessionCookie(response, secure);
      }
    }

    if (access === 'public') return true;
    const viewer = request.viewer;
    if (!viewer) throw unauthenticated();
    if (access === 'staff' && !isStaff(viewer))
      throw forbidden('Réservé à l’équipe de coordination et aux modérateurs.');
    if (access === 'admin' && viewer.role !== 'admin') throw forbidden('Réservé aux administrateurs.');
    return true;
  }
}
