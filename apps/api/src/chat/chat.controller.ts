import {
  type Channel,
  type ChannelList,
  chatRoutes,
  type Message,
  type MessagePage,
  type PresenceList,
} from '@maillage/contracts';
import { Controller } from '@nestjs/common';

import { Endpoint, Input, type InputOf } from '../common/http/endpoint';
import { CurrentViewer } from '../identity/current-viewer';
import type { Viewer } from '../identity/viewer';
import { RealtimeService } from '../realtime/realtime.service';
import { ChatService } from './chat.service';

@Controller()
export class ChatController {
  constructor(
    private readonly chat: ChatService,
    private readonly realtime: RealtimeService,
  ) {}

  @Endpoint(chatRoutes.listAll)
  listAll(@CurrentViewer() viewer: Viewer): Promise<ChannelList> {
    return this.chat.listAll(viewer);
  }

  @Endpoint(chatRoutes.listInSpace)
  listInSpace(
    @CurrentViewer() viewer: Viewer,
    @Input() { params }: InputOf<typeof chatRoutes.listInSpace>,
  ): Promise<ChannelList> {
    return this.chat.listInSpace(viewer, params.id);
  }

  @Endpoint(chatRoutes.create)
  create(
    @CurrentViewer() viewer: Viewer,
    @Input() { params, body }: InputOf<typeof chatRoutes.create>,
  ): Promise<Channel> {
    return this.chat.create(viewer, params.id, body);
  }

  @Endpoint(chatRoutes.openDirect)
  openDirect(
    @CurrentViewer() viewer: Viewer,
    @Input() { body }: InputOf<typeof chatRoutes.openDirect>,
  ): Promise<Channel> {
    return this.chat.openDirect(viewer, body.userIds);
  }

  @Endpoint(chatRoutes.history)
  history(
    @CurrentViewer() viewer: Viewer,
    @Input() { params, query }: InputOf<typeof chatRoutes.history>,
  ): Promise<MessagePage> {
    return this.chat.history(viewer, params.id, query);
  }

  @Endpoint(chatRoutes.send)
  send(@CurrentViewer() viewer: Viewer, @Input() { params, body }: InputOf<typeof chatRoutes.send>): Promise<Message> {
    return this.chat.send(viewer, params.id, body);
  }

  @Endpoint(chatRoutes.edit)
  edit(@CurrentViewer() viewer: Viewer, @Input() { params, body }: InputOf<typeof chatRoutes.edit>): Promise<Message> {
    return this.chat.edit(viewer, params.id, params.seq, body.body);
  }

  @Endpoint(chatRoutes.remove)
  remove(@CurrentViewer() viewer: Viewer, @Input() { params }: InputOf<typeof chatRoutes.remove>): Promise<void> {
    return this.chat.remove(viewer, params.id, params.seq);
  }

  @Endpoint(chatRoutes.react)
  react(
    @CurrentViewer() viewer: Viewer,
    @Input() { params, body }: InputOf<typeof chatRoutes.react>,
  ): Promise<Message> {
    return this.chat.react(viewer, params.id, params.seq, body);
  }

  @Endpoint(chatRoutes.presence)
  async presence(@Input() { query }: InputOf<typeof chatRoutes.presence>): Promise<PresenceList> {
    const statuses = await this.realtime.presenceOf([...new Set(query.user ?? [])]);
    return { items: [...statuses].map(([userId, status]) => ({ userId, status })) };
  }

  @Endpoint(chatRoutes.markRead)
  markRead(
    @CurrentViewer() viewer: Viewer,
    @Input() { params, body }: InputOf<typeof chatRoutes.markRead>,
  ): Promise<void> {
    return this.chat.markRead(viewer, params.id, body.lastReadSeq);
  }
}
