import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { INVITATION_ACCEPTED } from '../identity/invitations.service';
import { OutboxService } from '../outbox/outbox.service';
import { NotificationsService } from './notifications.service';

/** Whoever sent an invitation hears when it is accepted, with a link to the new member's profile. */
@Injectable()
export class InvitationNotices implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.outbox.register(INVITATION_ACCEPTED, (payload) => this.notify(payload.invitationId as string));
  }

  async notify(invitationId: string): Promise<void> {
    const [accepted]: { invitedBy: string | null; userId: string; name: string; handle: string }[] =
      await this.dataSource.query(
        `SELECT i.invited_by AS "invitedBy", u.id AS "userId", u.display_name AS name, u.handle
         FROM invitations i JOIN users u ON u.id = i.accepted_user_id WHERE i.id = $1`,
        [invitationId],
      );
    if (!accepted?.invitedBy) return;
    await this.notifications.notify([{ userId: accepted.invitedBy, kind: 'invitation-accepted' }], {
      actorId: accepted.userId,
      spaceId: null,
      topicId: null,
      postNumber: null,
      subject: `${accepted.name} a rejoint Maillage`,
      url: `/membres/${accepted.handle}`,
      dedupKey: `invitation:${invitationId}`,
    });
  }
}
