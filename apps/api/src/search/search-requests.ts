import type { MultiSearchQuery, SearchParams } from 'meilisearch';

/**
 * The requests SearchService sends to Meilisearch, in one place: bench/search sends the very same ones straight to
 * Meilisearch as its floor. Kept free of the api's other modules so that the benchmark can load it alone.
 */

/** Characters that never occur in members' text, marking matches so that they become segments, never HTML. */
export const MATCH_START = '\uE000';
export const MATCH_END = '\uE001';

export const SUGGESTED_TYPES = ['topic', 'post', 'resource', 'event', 'person'] as const;
const SUGGESTIONS_PER_TYPE = 4;

/** The document attributes counted as facets: type, space, MRC, volet, tag, organization. */
export const FACET_ATTRIBUTES = ['type', 'spaceIds', 'mrc', 'volet', 'tags', 'organizationId'];

/** What a hit shows; the rest of a document (its concepts, its filters) stays in Meilisearch. */
const RETRIEVED = ['type', 'id', 'title', 'context', 'url', 'spaceIds', 'spaceName', 'authorName', 'tags', 'createdAt'];

/** What every hit shows: its attributes, its title and context with their matches marked. */
const presentation = {
  attributesToRetrieve: RETRIEVED,
  attributesToHighlight: ['title', 'context'],
  highlightPreTag: MATCH_START,
  highlightPostTag: MATCH_END,
} satisfies SearchParams;

/** A Meilisearch filter literal: strings quoted and escaped, numbers as they are. */
export const literal = (value: string | number): string =>
  typeof value === 'number' ? String(value) : `"${value.replace(/["\\]/g, (match) => `\\${match}`)}"`;

/** The access rule for a member who may see these spaces: theirs, and what every member sees (people). */
export const accessFilter = (spaceIds: readonly string[]): string =>
  spaceIds.length > 0
    ? `(everyMember = true OR spaceIds IN [${spaceIds.map(literal).join(', ')}])`
    : 'everyMember = true';

/** A page of results with its facet counts. */
export const pageRequest = (
  filter: string[],
  page: { offset: number; limit: number; recentFirst: boolean },
): SearchParams => ({
  ...presentation,
  // A result page also shows an excerpt of the body around its matches.
  attributesToHighlight: [...presentation.attributesToHighlight, 'body'],
  attributesToCrop: ['body:24'],
  cropMarker: '…',
  filter,
  offset: page.offset,
  limit: page.limit,
  facets: FACET_ATTRIBUTES,
  sort: page.recentFirst ? ['createdAt:desc'] : undefined,
});

/**
 * The search box's instant results: a few hits of each type, one multi-search. The box shows a title and its context,
 * never an excerpt: the body is neither highlighted nor cropped (`presentation` alone), work Meilisearch, the api and
 * the browser would do on every keystroke for nothing.
 */
export const suggestionRequests = (indexUid: string, q: string, filter: string[]): MultiSearchQuery[] =>
  SUGGESTED_TYPES.map((type) => ({
    indexUid,
    q,
    ...presentation,
    filter: [...filter, `type = ${type}`],
    limit: SUGGESTIONS_PER_TYPE,
  }));
