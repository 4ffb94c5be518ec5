import { authRoutes, type SessionList } from '@maillage/contracts';
import { Controller, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';

import { clearSessionCookie, setSessionCookie } from '../common/http/cookies';
import { Endpoint, Input, type InputOf } from '../common/http/endpoint';
import { notFound } from '../common/http/problems';
import { AppConfig } from '../config/app-config';
import { CurrentViewer } from './current-viewer';
import { IdentityService } from './identity.service';
import { SessionsService } from './sessions.service';
import type { Viewer } from './viewer';

@Controller()
export class AuthController {
  constructor(
    private readonly identity: IdentityService,
    private readonly sessions: SessionsService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  private get secureCookies(): boolean {
    return this.config.publicUrl.startsWith('https:');
  }

  @Endpoint(authRoutes.login)
  async login(
    @Input() { body }: InputOf<typeof authRoutes.login>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    const session = await this.identity.login(
      body.email,
      body.password,
      request.ip ?? 'unknown',
      request.get('user-agent'),
    );
    setSessionCookie(response, session.token, session.expiresAt, this.secureCookies);
  }

  @Endpoint(authRoutes.logout)
  async logout(@CurrentViewer() viewer: Viewer, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.sessions.close(viewer.id, viewer.sessionId);
    clearSessionCookie(response, this.secureCookies);
  }

  @Endpoint(authRoutes.changePassword)
  async changePassword(
    @CurrentViewer() viewer: Viewer,
    @Input() { body }: InputOf<typeof authRoutes.changePassword>,
  ): Promise<void> {
    await this.identity.changePassword(viewer, body.currentPassword, body.newPassword);
  }

  @Endpoint(authRoutes.listSessions)
  async listSessions(@CurrentViewer() viewer: Viewer): Promise<SessionList> {
    const sessions = await this.sessions.listLive(viewer.id);
    return {
      items: sessions.map((session) => ({
        id: session.id,
        userAgent: session.userAgent,
        createdAt: session.createdAt.toISOString(),
        lastSeenAt: session.lastSeenAt.toISOString(),
        expiresAt: session.expiresAt.toISOString(),
        current: session.id === viewer.sessionId,
      })),
    };
  }

  @Endpoint(authRoutes.revokeSession)
  async revokeSession(
    @CurrentViewer() viewer: Viewer,
    @Input() { params }: InputOf<typeof authRoutes.revokeSession>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    if (!(await this.sessions.close(viewer.id, params.id))) throw notFound('Cette session n’existe pas.');
    if (params.id === viewer.sessionId) clearSessionCookie(response, this.secureCookies);
  }
}
