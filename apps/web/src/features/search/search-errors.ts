import { ApiError } from '../../api/client';

/** Meilisearch down: the api answers 503 and the interface says so in its own words, the rest of the app working. */
export const isSearchUnavailable = (error: unknown): boolean =>
  error instanceof ApiError && (error.status === 503 || error.status === 0);
