import { z } from 'zod';

import { Id, IsoDateTime, text } from './common';

export const Tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(2)
  .max(40)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} '-]*$/u, 'Lettres, chiffres, espaces et traits d’union seulement');

export const PersonRef = z
  .object({ id: Id, displayName: z.string(), handle: z.string() })
  .nullable()
  .meta({ id: 'PersonRef', description: 'null for an account that no longer exists' });
export type PersonRef = z.infer<typeof PersonRef>;

export const TopicSort = z.enum(['latest', 'new', 'top']);
export type TopicSort = z.infer<typeof TopicSort>;

export const TopicSummary = z
  .object({
    id: Id,
    spaceId: Id,
    spaceName: z.string(),
    title: z.string(),
    tags: z.array(z.string()),
    author: PersonRef,
    postCount: z.number().int(),
    likeCount: z.number().int(),
    lastPostNumber: z.number().int(),
    lastPostedAt: IsoDateTime,
    createdAt: IsoDateTime,
    pinned: z.boolean(),
    announcement: z.boolean(),
    locked: z.boolean(),
    /** Posts after the last one I read; 0 when I never opened the topic (see `isNew`). */
    unreadCount: z.number().int(),
    /** Created recently and never opened by me. */
    isNew: z.boolean(),
    lastReadNumber: z.number().int(),
    subscription: z.enum(['watching', 'normal', 'muted']),
  })
  .meta({ id: 'TopicSummary' });
export type TopicSummary = z.infer<typeof TopicSummary>;

export const TopicPage = z
  .object({ items: z.array(TopicSummary), nextCursor: z.string().nullable() })
  .meta({ id: 'TopicPage' });
export type TopicPage = z.infer<typeof TopicPage>;

export const TopicListQuery = z.strictObject({
  sort: TopicSort.default('latest'),
  tag: Tag.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: z.string().max(300).optional(),
});
export type TopicListQuery = z.infer<typeof TopicListQuery>;

export const TopicFeedQuery = z.strictObject({
  view: z.enum(['unread', 'new', 'latest']).default('latest'),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: z.string().max(300).optional(),
});
export type TopicFeedQuery = z.infer<typeof TopicFeedQuery>;

const MarkdownBody = z.string().trim().min(1).max(50_000);

export const CreateTopicRequest = z
  .strictObject({
    title: text(3, 200),
    body: MarkdownBody,
    tags: z.array(Tag).max(8).default([]),
  })
  .meta({ id: 'CreateTopicRequest' });
export type CreateTopicRequest = z.input<typeof CreateTopicRequest>;

export const UpdateTopicRequest = z
  .strictObject({
    title: text(3, 200).optional(),
    tags: z.array(Tag).max(8).optional(),
    pinned: z.boolean().optional(),
    announcement: z.boolean().optional(),
    locked: z.boolean().optional(),
    spaceId: Id.optional(),
  })
  .refine((value) => Object.keys(value).length > 0, 'Aucun champ à modifier')
  .meta({ id: 'UpdateTopicRequest' });
export type UpdateTopicRequest = z.infer<typeof UpdateTopicRequest>;

export const Post = z
  .object({
    id: Id,
    topicId: Id,
    number: z.number().int(),
    author: PersonRef,
    /** Sanitized HTML, rendered by the server from the Markdown source. */
    html: z.string(),
    /** The Markdown source, for the author's and moderators' edits and for quoting. */
    markdown: z.string(),
    replyToNumber: z.number().int().nullable(),
    createdAt: IsoDateTime,
    editedAt: IsoDateTime.nullable(),
    deleted: z.boolean(),
    hidden: z.boolean(),
    likeCount: z.number().int(),
    likedByMe: z.boolean(),
    canEdit: z.boolean(),
  })
  .meta({ id: 'Post' });
export type Post = z.infer<typeof Post>;

export const Topic = TopicSummary.extend({
  canModerate: z.boolean(),
  canReply: z.boolean(),
}).meta({ id: 'Topic' });
export type Topic = z.infer<typeof Topic>;

export const PostPageQuery = z.strictObject({
  /** First post number of the page (1-based). */
  from: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type PostPageQuery = z.infer<typeof PostPageQuery>;

export const PostPage = z
  .object({ items: z.array(Post), total: z.number().int(), nextFrom: z.number().int().nullable() })
  .meta({ id: 'PostPage' });
export type PostPage = z.infer<typeof PostPage>;

export const CreatePostRequest = z
  .strictObject({ body: MarkdownBody, replyToNumber: z.number().int().min(1).optional() })
  .meta({ id: 'CreatePostRequest' });
export type CreatePostRequest = z.infer<typeof CreatePostRequest>;

export const UpdatePostRequest = z.strictObject({ body: MarkdownBody }).meta({ id: 'UpdatePostRequest' });
export type UpdatePostRequest = z.infer<typeof UpdatePostRequest>;

export const PostRevision = z
  .object({ number: z.number().int(), markdown: z.string(), editedBy: PersonRef, createdAt: IsoDateTime })
  .meta({ id: 'PostRevision' });
export const PostRevisionList = z.object({ items: z.array(PostRevision) });
export type PostRevisionList = z.infer<typeof PostRevisionList>;

export const PreviewRequest = z.strictObject({ body: z.string().max(50_000) }).meta({ id: 'PreviewRequest' });
export const PreviewResponse = z.object({ html: z.string() });
export type PreviewResponse = z.infer<typeof PreviewResponse>;

export const MarkReadRequest = z
  .strictObject({ lastReadNumber: z.number().int().min(1) })
  .meta({ id: 'MarkReadRequest' });

export const SubscriptionLevel = z.enum(['watching', 'normal', 'muted']);
export type SubscriptionLevel = z.infer<typeof SubscriptionLevel>;
export const SetSubscriptionRequest = z
  .strictObject({ level: SubscriptionLevel })
  .meta({ id: 'SetSubscriptionRequest' });

export const FlagReason = z.enum(['spam', 'inappropriate', 'off-topic', 'other']);
export type FlagReason = z.infer<typeof FlagReason>;
export const FlagRequest = z
  .strictObject({ reason: FlagReason, note: z.string().trim().max(500).default('') })
  .meta({ id: 'FlagRequest' });

export const FlaggedPost = z
  .object({
    post: Post,
    topicId: Id,
    topicTitle: z.string(),
    spaceName: z.string(),
    flags: z.array(z.object({ reason: FlagReason, note: z.string(), flaggedBy: PersonRef, createdAt: IsoDateTime })),
  })
  .meta({ id: 'FlaggedPost' });
export type FlaggedPost = z.infer<typeof FlaggedPost>;
export const ModerationQueue = z.object({ items: z.array(FlaggedPost) });
export type ModerationQueue = z.infer<typeof ModerationQueue>;

export const ModerationAction = z.enum(['hide', 'restore', 'dismiss']);
export const ModerateRequest = z.strictObject({ action: ModerationAction }).meta({ id: 'ModerateRequest' });

export const PostNumberParams = z.strictObject({ id: Id, number: z.coerce.number().int().min(1) });
