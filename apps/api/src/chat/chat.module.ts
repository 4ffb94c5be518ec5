import { Module } from '@nestjs/common';

import { IdentityModule } from '../identity/identity.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { RealtimeService } from '../realtime/realtime.service';
import { SpacesModule } from '../spaces/spaces.module';
import { ChatController } from './chat.controller';
import { ChatService } from './chat.service';

@Module({
  imports: [IdentityModule, SpacesModule, RealtimeModule],
  controllers: [ChatController],
  providers: [ChatService],
})
export class ChatModule {
  constructor(realtime: RealtimeService, chat: ChatService) {
    realtime.registerRoomKind('channel', (viewer, id) => chat.canSeeChannel(viewer, id));
    realtime.registerMessageSender((viewer, request) => chat.sendFromSocket(viewer, request));
  }
}
