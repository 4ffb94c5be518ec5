/** The outbox kind of the forums' own side effect; search events are the search module's (ForumSearchSync). */
export const POST_NOTIFY = 'forum.post-notify';

export interface PostNotifyPayload extends Record<string, unknown> {
  postId: string;
  /** After an edit only new mentions notify. */
  mentionsOnly: boolean;
}
