import {
  type NotificationPage,
  type NotificationPreferences,
  notificationRoutes,
  type UnsubscribeResult,
} from '@maillage/contracts';
import { Controller } from '@nestjs/common';

import { WithoutCsrf } from '../common/http/csrf';
import { Endpoint, Input, type InputOf } from '../common/http/endpoint';
import { notFound } from '../common/http/problems';
import { CurrentViewer } from '../identity/current-viewer';
import type { Viewer } from '../identity/viewer';
import { NotificationPreferencesService } from './notification-preferences';
import { NotificationsService } from './notifications.service';
import { UnsubscribeTokens } from './unsubscribe-tokens';

@Controller()
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly preferences: NotificationPreferencesService,
    private readonly tokens: UnsubscribeTokens,
  ) {}

  @Endpoint(notificationRoutes.list)
  list(
    @CurrentViewer() viewer: Viewer,
    @Input() { query }: InputOf<typeof notificationRoutes.list>,
  ): Promise<NotificationPage> {
    return this.notifications.list(viewer, query);
  }

  @Endpoint(notificationRoutes.markRead)
  markRead(
    @CurrentViewer() viewer: Viewer,
    @Input() { body }: InputOf<typeof notificationRoutes.markRead>,
  ): Promise<void> {
    return this.notifications.markRead(viewer, body.all ? 'all' : (body.ids ?? []));
  }

  @Endpoint(notificationRoutes.preferences)
  getPreferences(@CurrentViewer() viewer: Viewer): Promise<NotificationPreferences> {
    return this.preferences.get(viewer.id);
  }

  @Endpoint(notificationRoutes.updatePreferences)
  updatePreferences(
    @CurrentViewer() viewer: Viewer,
    @Input() { body }: InputOf<typeof notificationRoutes.updatePreferences>,
  ): Promise<NotificationPreferences> {
    return this.preferences.update(viewer, body);
  }

  /** Signed, one kind, one member: no session needed, and a mail client's one-click POST carries no cookie. */
  @WithoutCsrf()
  @Endpoint(notificationRoutes.unsubscribe)
  async unsubscribe(@Input() { params }: InputOf<typeof notificationRoutes.unsubscribe>): Promise<UnsubscribeResult> {
    const verified = this.tokens.verify(params.token);
    if (!verified) throw notFound('Ce lien de désabonnement n’est pas valide.');
    await this.preferences.stop(verified.userId, verified.target);
    return { stopped: verified.target };
  }
}
