import type { MultiSearchQuery } from 'meilisearch';

import { accessFilter, literal } from '../search/search-requests';

export type FacetName = 'kind' | 'volet' | 'mrc';

export interface FacetFilters {
  kind?: string[];
  volet?: number[];
  mrc?: string;
  tag?: string;
  space?: string;
}

const facetFilter: Record<FacetName, (filters: FacetFilters) => string | null> = {
  kind: ({ kind }) => (kind?.length ? `kind IN [${kind.map(literal).join(', ')}]` : null),
  volet: ({ volet }) => (volet?.length ? `volet IN [${volet.join(', ')}]` : null),
  mrc: ({ mrc }) => (mrc ? `mrc = ${literal(mrc)}` : null),
};

/**
 * The library's facet counts as Meilisearch requests: one per facet, each under the other facets' filters (choosing a
 * kind keeps the other kinds counted), all under the access rule, the space and the tag. Meilisearch counts facets
 * from its own structures, where a database would count every visible row (bench/library).
 */
export function facetCountRequests(
  indexUid: string,
  visibleSpaceIds: readonly string[],
  filters: FacetFilters,
): { facet: FacetName; query: MultiSearchQuery }[] {
  const base = [accessFilter(visibleSpaceIds), 'type = resource'];
  if (filters.space) base.push(`spaceIds = ${literal(filters.space)}`);
  if (filters.tag) base.push(`tags = ${literal(filters.tag)}`);
  const facets: FacetName[] = ['kind', 'volet', 'mrc'];
  return facets.map((facet) => ({
    facet,
    query: {
      indexUid,
      q: '',
      limit: 0,
      facets: [facet],
      filter: [
        ...base,
        ...facets
          .filter((other) => other !== facet)
          .map((other) => facetFilter[other](filters))
          .filter((condition): condition is string => condition !== null),
      ],
    },
  }));
}
