import type { SearchType } from '@maillage/contracts';

/**
 * The outbox kind that keeps the search index in step with Postgres. It means "bring this document up to date from
 * the database": its source loads it afresh and the indexer writes it, or removes it when it is gone or no longer
 * indexed. That makes every event idempotent and their order irrelevant.
 */
export const SEARCH_INDEX = 'search.index';

export interface SearchSyncPayload extends Record<string, unknown> {
  type: SearchType;
  id: string;
}
