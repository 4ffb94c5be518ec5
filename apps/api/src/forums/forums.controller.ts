import {
  forumRoutes,
  type ModerationQueue,
  type Post,
  type PostPage,
  type PostRevisionList,
  type PreviewResponse,
  type Topic,
  type TopicPage,
} from '@maillage/contracts';
import { Controller } from '@nestjs/common';

import { Endpoint, Input, type InputOf } from '../common/http/endpoint';
import { renderMarkdown } from '../common/markdown/markdown';
import { CurrentViewer } from '../identity/current-viewer';
import type { Viewer } from '../identity/viewer';
import { ModerationService } from './moderation.service';
import { PostsService } from './posts.service';
import { TopicsService } from './topics.service';

@Controller()
export class ForumsController {
  constructor(
    private readonly topics: TopicsService,
    private readonly posts: PostsService,
    private readonly moderation: ModerationService,
  ) {}

  @Endpoint(forumRoutes.listTopics)
  listTopics(
    @CurrentViewer() viewer: Viewer,
    @Input() { params, query }: InputOf<typeof forumRoutes.listTopics>,
  ): Promise<TopicPage> {
    return this.topics.listInSpace(viewer, params.id, query);
  }

  @Endpoint(forumRoutes.createTopic)
  createTopic(
    @CurrentViewer() viewer: Viewer,
    @Input() { params, body }: InputOf<typeof forumRoutes.createTopic>,
  ): Promise<Topic> {
    return this.topics.create(viewer, params.id, body);
  }

  @Endpoint(forumRoutes.feed)
  feed(@CurrentViewer() viewer: Viewer, @Input() { query }: InputOf<typeof forumRoutes.feed>): Promise<TopicPage> {
    return this.topics.feed(viewer, query);
  }

  @Endpoint(forumRoutes.getTopic)
  getTopic(@CurrentViewer() viewer: Viewer, @Input() { params }: InputOf<typeof forumRoutes.getTopic>): Promise<Topic> {
    return this.topics.get(viewer, params.id);
  }

  @Endpoint(forumRoutes.updateTopic)
  updateTopic(
    @CurrentViewer() viewer: Viewer,
    @Input() { params, body }: InputOf<typeof forumRoutes.updateTopic>,
  ): Promise<Topic> {
    return this.topics.update(viewer, params.id, body);
  }

  @Endpoint(forumRoutes.listPosts)
  listPosts(
    @CurrentViewer() viewer: Viewer,
    @Input() { params, query }: InputOf<typeof forumRoutes.listPosts>,
  ): Promise<PostPage> {
    return this.posts.page(viewer, params.id, query);
  }

  @Endpoint(forumRoutes.createPost)
  createPost(
    @CurrentViewer() viewer: Viewer,
    @Input() { params, body }: InputOf<typeof forumRoutes.createPost>,
  ): Promise<Post> {
    return this.posts.reply(viewer, params.id, body);
  }

  @Endpoint(forumRoutes.updatePost)
  updatePost(
    @CurrentViewer() viewer: Viewer,
    @Input() { params, body }: InputOf<typeof forumRoutes.updatePost>,
  ): Promise<Post> {
    return this.posts.edit(viewer, params.id, params.number, body.body);
  }

  @Endpoint(forumRoutes.deletePost)
  deletePost(
    @CurrentViewer() viewer: Viewer,
    @Input() { params }: InputOf<typeof forumRoutes.deletePost>,
  ): Promise<void> {
    return this.posts.delete(viewer, params.id, params.number);
  }

  @Endpoint(forumRoutes.postRevisions)
  postRevisions(
    @CurrentViewer() viewer: Viewer,
    @Input() { params }: InputOf<typeof forumRoutes.postRevisions>,
  ): Promise<PostRevisionList> {
    return this.posts.revisions(viewer, params.id, params.number);
  }

  @Endpoint(forumRoutes.like)
  like(@CurrentViewer() viewer: Viewer, @Input() { params }: InputOf<typeof forumRoutes.like>): Promise<void> {
    return this.posts.like(viewer, params.id, params.number, true);
  }

  @Endpoint(forumRoutes.unlike)
  unlike(@CurrentViewer() viewer: Viewer, @Input() { params }: InputOf<typeof forumRoutes.unlike>): Promise<void> {
    return this.posts.like(viewer, params.id, params.number, false);
  }

  @Endpoint(forumRoutes.flag)
  flag(@CurrentViewer() viewer: Viewer, @Input() { params, body }: InputOf<typeof forumRoutes.flag>): Promise<void> {
    return this.moderation.flag(viewer, params.id, params.number, body.reason, body.note);
  }

  @Endpoint(forumRoutes.markRead)
  markRead(
    @CurrentViewer() viewer: Viewer,
    @Input() { params, body }: InputOf<typeof forumRoutes.markRead>,
  ): Promise<void> {
    return this.topics.markRead(viewer, params.id, body.lastReadNumber);
  }

  @Endpoint(forumRoutes.subscribeTopic)
  subscribeTopic(
    @CurrentViewer() viewer: Viewer,
    @Input() { params, body }: InputOf<typeof forumRoutes.subscribeTopic>,
  ): Promise<void> {
    return this.topics.subscribeTopic(viewer, params.id, body.level);
  }

  @Endpoint(forumRoutes.subscribeSpace)
  subscribeSpace(
    @CurrentViewer() viewer: Viewer,
    @Input() { params, body }: InputOf<typeof forumRoutes.subscribeSpace>,
  ): Promise<void> {
    return this.topics.subscribeSpace(viewer, params.id, body.level);
  }

  @Endpoint(forumRoutes.preview)
  async preview(@Input() { body }: InputOf<typeof forumRoutes.preview>): Promise<PreviewResponse> {
    return { html: renderMarkdown(body.body, await this.topics.mentionable(body.body)).html };
  }

  @Endpoint(forumRoutes.moderationQueue)
  moderationQueue(@CurrentViewer() viewer: Viewer): Promise<ModerationQueue> {
    return this.moderation.queue(viewer);
  }

  @Endpoint(forumRoutes.moderate)
  moderate(
    @CurrentViewer() viewer: Viewer,
    @Input() { params, body }: InputOf<typeof forumRoutes.moderate>,
  ): Promise<void> {
    return this.moderation.moderate(viewer, params.id, params.number, body.action);
  }
}
