/** The outbox kind of the forums' own side effect; search events are the search module's (ForumSearchSync). */
export const POST_NOTIFY = 'forum.post-notify';

/** A post hidden or restored by a moderator: its author hears of it. */
export const POST_MODERATED = 'forum.post-moderated';

export interface PostModeratedPayload extends Record<string, unknown> {
  postId: string;
  action: 'hide' | 'restore';
  /** When it was decided: a post hidden twice is told twice. */
  at: string;
}

export interface PostNotifyPayload extends Record<string, unknown> {
  postId: string;
  /** After an edit only new mentions notify. */
  mentionsOnly: boolean;
}
