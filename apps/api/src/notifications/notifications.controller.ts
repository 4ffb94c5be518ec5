import { type NotificationPage, notificationRoutes } from '@maillage/contracts';
import { Controller } from '@nestjs/common';

import { Endpoint, Input, type InputOf } from '../common/http/endpoint';
import { CurrentViewer } from '../identity/current-viewer';
import type { Viewer } from '../identity/viewer';
import { NotificationsService } from './notifications.service';

@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

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
}
