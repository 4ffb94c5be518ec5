/** Outbox kinds the forums write. `search.index` and `search.remove` wait for the search module's handler. */
export const POST_NOTIFY = 'forum.post-notify';
export const SEARCH_INDEX = 'search.index';
export const SEARCH_REMOVE = 'search.remove';

export interface PostNotifyPayload extends Record<string, unknown> {
  postId: string;
  /** After an edit only new mentions notify. */
  mentionsOnly: boolean;
}
