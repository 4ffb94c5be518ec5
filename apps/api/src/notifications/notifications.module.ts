import { Module } from '@nestjs/common';

import { OutboxModule } from '../outbox/outbox.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { SpacesModule } from '../spaces/spaces.module';
import { InvitationNotices } from './invitation-notices';
import { NotificationDigest } from './notification-digest';
import { NotificationPreferencesService } from './notification-preferences';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { UnsubscribeTokens } from './unsubscribe-tokens';

@Module({
  imports: [SpacesModule, RealtimeModule, OutboxModule],
  controllers: [NotificationsController],
  providers: [
    NotificationsService,
    NotificationPreferencesService,
    UnsubscribeTokens,
    NotificationDigest,
    InvitationNotices,
  ],
  exports: [NotificationsService],
})
export class NotificationsModule {}
