import { Module } from '@nestjs/common';

import { IdentityModule } from '../identity/identity.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutboxModule } from '../outbox/outbox.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { RealtimeService } from '../realtime/realtime.service';
import { SpacesModule } from '../spaces/spaces.module';
import { DemoConversations } from './demo-conversations';
import { ForumSearchModule } from './forum-search.module';
import { ForumsController } from './forums.controller';
import { ModerationService } from './moderation.service';
import { PostNotifier } from './post-notifier';
import { PostsService } from './posts.service';
import { TopicsService } from './topics.service';

@Module({
  imports: [IdentityModule, SpacesModule, OutboxModule, RealtimeModule, NotificationsModule, ForumSearchModule],
  controllers: [ForumsController],
  providers: [TopicsService, PostsService, ModerationService, PostNotifier, DemoConversations],
  exports: [TopicsService, DemoConversations],
})
export class ForumsModule {
  constructor(realtime: RealtimeService, topics: TopicsService) {
    realtime.registerRoomKind('topic', (viewer, id) => topics.canSeeTopic(viewer, id));
  }
}
