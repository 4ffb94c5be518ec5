import type {
  AcceptInvitationRequest,
  CreateInvitationRequest,
  Invitation,
  InvitationPreview,
  InvitationStatus,
} from '@maillage/contracts';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import type { z } from 'zod';

import { AuditLog } from '../audit/audit-log';
import { conflict, forbidden, invalid, notFound, Problem } from '../common/http/problems';
import { AppConfig } from '../config/app-config';
import { newId } from '../database/ids';
import { MailService } from '../mail/mail.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { OutboxService } from '../outbox/outbox.service';
import { InvitationEntity } from './entities/invitation.entity';
import { UserEntity } from './entities/user.entity';
import { IdentityService } from './identity.service';
import { invitationMail } from './invitation-mail';
import { SessionsService } from './sessions.service';
import { TokenHasher } from './token-hasher';
import type { Viewer } from './viewer';

/** The outbox kind telling the inviter their invitation was accepted (the notifications module carries it). */
export const INVITATION_ACCEPTED = 'identity.invitation-accepted';

export const INVITATION_LIFETIME_MS = 7 * 24 * 3600 * 1000;

const statusOf = (invitation: InvitationEntity, now = Date.now()): InvitationStatus =>
  invitation.acceptedAt
    ? 'accepted'
    : invitation.revokedAt
      ? 'revoked'
      : invitation.expiresAt.getTime() <= now
        ? 'expired'
        : 'pending';

const gone: Record<Exclude<InvitationStatus, 'pending'>, string> = {
  accepted: 'Cette invitation a déjà été utilisée. Connectez-vous avec votre courriel et votre mot de passe.',
  expired: 'Cette invitation a expiré. Demandez-en une nouvelle à la coordination du CRD.',
  revoked: 'Cette invitation a été annulée. Demandez-en une nouvelle à la coordination du CRD.',
};

@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(InvitationEntity) private readonly invitations: Repository<InvitationEntity>,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly tokens: TokenHasher,
    private readonly identity: IdentityService,
    private readonly sessions: SessionsService,
    private readonly organizations: OrganizationsService,
    private readonly mail: MailService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditLog,
  ) {}

  /** Invites an address; an earlier pending invitation to the same address stops working. */
  async create(viewer: Viewer, request: z.output<typeof CreateInvitationRequest>): Promise<Invitation> {
    if (request.role !== 'member' && viewer.role !== 'admin') {
      throw forbidden('Seuls les administrateurs peuvent inviter un modérateur ou un administrateur.');
    }
    const organization = await this.organizations.findById(request.organizationId);
    if (!organization) throw invalid('body.organizationId', 'Organisation inconnue');
    if (await this.identity.findByEmail(request.email)) {
      throw conflict('Un compte existe déjà pour cette adresse courriel.', [
        { path: 'body.email', message: 'Adresse déjà membre' },
      ]);
    }
    const inviter = await this.identity.findById(viewer.id);
    const { token, hash } = this.tokens.issue();
    const invitation = this.invitations.create({
      id: newId(),
      email: request.email,
      role: request.role,
      organizationId: organization.id,
      tokenHash: hash,
      invitedBy: viewer.id,
      expiresAt: new Date(Date.now() + INVITATION_LIFETIME_MS),
      acceptedAt: null,
      acceptedUserId: null,
      revokedAt: null,
    });
    await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(InvitationEntity);
      await repository.update(
        { email: request.email, acceptedAt: IsNull(), revokedAt: IsNull() },
        { revokedAt: new Date() },
      );
      await repository.insert(invitation);
      await this.audit.record(manager, {
        action: 'invitation.created',
        actorId: viewer.id,
        target: `invitation à ${request.email}`,
        details: { role: invitation.role, organization: organization.name },
      });
      await this.mail.queue(
        manager,
        invitationMail({
          to: request.email,
          link: `${this.config.publicUrl}/invitation/${token}`,
          inviterName: inviter?.displayName ?? 'La coordination',
          organizationName: organization.name,
          expiresAt: invitation.expiresAt,
        }),
      );
    });
    this.outbox.notifyCommitted();
    const saved = await this.invitations.findOneByOrFail({ id: invitation.id });
    const [presented] = await this.present([saved]);
    return presented!;
  }

  async list(): Promise<Invitation[]> {
    return this.present(await this.invitations.find({ order: { createdAt: 'DESC', id: 'DESC' }, take: 200 }));
  }

  async revoke(viewer: Viewer, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [rows] = (await manager.query(
        `UPDATE invitations SET revoked_at = now() WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL
         RETURNING email`,
        [id],
      )) as [{ email: string }[], number];
      if (!rows[0]) {
        const invitation = await manager.getRepository(InvitationEntity).findOneBy({ id });
        if (!invitation) throw notFound('Cette invitation n’existe pas.');
        throw conflict('Cette invitation n’est plus en attente.');
      }
      await this.audit.record(manager, {
        action: 'invitation.revoked',
        actorId: viewer.id,
        target: `invitation à ${rows[0].email}`,
      });
    });
  }

  async preview(token: string): Promise<InvitationPreview> {
    const invitation = await this.findUsable(token);
    const organizations = await this.organizations.summariesByIds([invitation.organizationId]);
    return {
      email: invitation.email,
      role: invitation.role,
      organization: organizations.get(invitation.organizationId)!,
      expiresAt: invitation.expiresAt.toISOString(),
    };
  }

  /** Creates the account and its first session, once: the invitation is claimed by a conditional update. */
  async accept(token: string, request: AcceptInvitationRequest, userAgent: string | undefined) {
    await this.findUsable(token);
    const opened = await this.dataSource.transaction(async (manager) => {
      const [rows] = (await manager.query(
        `UPDATE invitations SET accepted_at = now()
         WHERE token_hash = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
         RETURNING id, email, role, organization_id AS "organizationId"`,
        [this.tokens.hash(token)],
      )) as [Pick<InvitationEntity, 'id' | 'email' | 'role' | 'organizationId'>[], number];
      const claimed = rows[0];
      if (!claimed) throw new Problem(HttpStatus.GONE, 'invitation-used', 'Invitation inutilisable', gone.accepted);
      const user: UserEntity = await this.identity.createAccount(manager, {
        email: claimed.email,
        displayName: request.displayName,
        role: claimed.role,
        organizationId: claimed.organizationId,
        password: request.password,
      });
      await manager.getRepository(InvitationEntity).update({ id: claimed.id }, { acceptedUserId: user.id });
      await this.outbox.enqueue(manager, INVITATION_ACCEPTED, { invitationId: claimed.id });
      return this.sessions.open(user.id, userAgent, manager);
    });
    this.outbox.notifyCommitted();
    return opened;
  }

  private async findUsable(token: string): Promise<InvitationEntity> {
    const invitation = await this.invitations.findOneBy({ tokenHash: this.tokens.hash(token) });
    if (!invitation) throw notFound('Ce lien d’invitation n’est pas valide.');
    const status = statusOf(invitation);
    if (status !== 'pending')
      throw new Problem(HttpStatus.GONE, `invitation-${status}`, 'Invitation inutilisable', gone[status]);
    return invitation;
  }

  private async present(rows: InvitationEntity[]): Promise<Invitation[]> {
    const [organizations, inviters] = await Promise.all([
      this.organizations.summariesByIds(rows.map((row) => row.organizationId)),
      this.identity.activeUsersByIds(rows.map((row) => row.invitedBy)),
    ]);
    const now = Date.now();
    return rows.map((row) => ({
      id: row.id,
      email: row.email,
      role: row.role,
      organization: organizations.get(row.organizationId)!,
      status: statusOf(row, now),
      invitedBy: inviters.get(row.invitedBy)?.displayName ?? 'Ancien membre',
      createdAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
    }));
  }
}
