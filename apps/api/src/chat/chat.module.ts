import { Module, type OnApplicationBootstrap } from '@nestjs/common';

import { IdentityModule } from '../identity/identity.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutboxModule } from '../outbox/outbox.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { RealtimeService } from '../realtime/realtime.service';
import { SpaceEvents } from '../spaces/space-events';
import { SpacesModule } from '../spaces/spaces.module';
import { ChatController } from './chat.controller';
import { ChatService } from './chat.service';
import { ChatSearchModule } from './chat-search.module';
import { MessageNotifier } from './message-notifier';

@Module({
  imports: [IdentityModule, SpacesModule, RealtimeModule, OutboxModule, NotificationsModule, ChatSearchModule],
  controllers: [ChatController],
  providers: [ChatService, MessageNotifier],
})
export class ChatModule implements OnApplicationBootstrap {
  constructor(
    realtime: RealtimeService,
    spaceEvents: SpaceEvents,
    private readonly chat: ChatService,
  ) {
    realtime.registerRoomKind('channel', (viewer, id) => chat.canSeeChannel(viewer, id));
    realtime.registerMessageSender((viewer, request) => chat.sendFromSocket(viewer, request));
    spaceEvents.onCreated((manager, spaceId) => chat.createGeneral(manager, spaceId));
  }

  onApplicationBootstrap(): Promise<void> {
    return this.chat.createMissingGeneral();
  }
}
