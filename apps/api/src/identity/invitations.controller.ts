import { type Invitation, type InvitationList, type InvitationPreview, invitationRoutes } from '@maillage/contracts';
import { Controller, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';

import { setSessionCookie } from '../common/http/cookies';
import { Endpoint, Input, type InputOf } from '../common/http/endpoint';
import { AppConfig } from '../config/app-config';
import { CurrentViewer } from './current-viewer';
import { InvitationsService } from './invitations.service';
import type { Viewer } from './viewer';

@Controller()
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  @Endpoint(invitationRoutes.create)
  create(
    @CurrentViewer() viewer: Viewer,
    @Input() { body }: InputOf<typeof invitationRoutes.create>,
  ): Promise<Invitation> {
    return this.invitations.create(viewer, body);
  }

  @Endpoint(invitationRoutes.list)
  async list(): Promise<InvitationList> {
    return { items: await this.invitations.list() };
  }

  @Endpoint(invitationRoutes.revoke)
  revoke(@CurrentViewer() viewer: Viewer, @Input() { params }: InputOf<typeof invitationRoutes.revoke>): Promise<void> {
    return this.invitations.revoke(viewer, params.id);
  }

  @Endpoint(invitationRoutes.preview)
  preview(@Input() { params }: InputOf<typeof invitationRoutes.preview>): Promise<InvitationPreview> {
    return this.invitations.preview(params.token);
  }

  @Endpoint(invitationRoutes.accept)
  async accept(
    @Input() { params, body }: InputOf<typeof invitationRoutes.accept>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    const session = await this.invitations.accept(params.token, body, request.get('user-agent'));
    setSessionCookie(response, session.token, session.expiresAt, this.config.publicUrl.startsWith('https:'));
  }
}
