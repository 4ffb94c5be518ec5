import type {
  FacetValue,
  SearchFacets,
  SearchHit,
  SearchQuery,
  SearchResults,
  SearchSuggestions,
  SearchType,
  Snippet,
} from '@maillage/contracts';
import { HttpStatus, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { Hit, MultiSearchQuery, SearchParams } from 'meilisearch';
import type { z } from 'zod';

import { Problem } from '../common/http/problems';
import { PreparedReader } from '../database/prepared-reader';
import type { Viewer } from '../identity/viewer';
import { AccessPolicy } from '../spaces/access-policy';
import { MeiliHttpError } from './meili-http-client';
import type { SearchDocument } from './search-document';
import { SearchEngine } from './search-engine';

type ParsedSearchQuery = z.output<typeof SearchQuery>;
type DocumentHit = Hit<SearchDocument>;

/** Characters that never occur in members' text, marking matches so that they become segments, never HTML. */
const MATCH_START = '\uE000';
const MATCH_END = '\uE001';
const TIME_ZONE = 'America/Toronto';
const SUGGESTED_TYPES: SearchType[] = ['topic', 'post', 'person'];
const SUGGESTIONS_PER_TYPE = 4;

const TYPE_LABELS: Record<SearchType, string> = { topic: 'Sujets', post: 'Réponses', person: 'Personnes' };

const FACET_ATTRIBUTES = {
  type: 'type',
  space: 'spaceIds',
  mrc: 'mrc',
  volet: 'volet',
  tag: 'tags',
  organization: 'organizationId',
} as const satisfies Record<keyof SearchFacets, string>;

/** A Meilisearch filter literal: strings quoted and escaped, numbers as they are. */
const literal = (value: string | number): string =>
  typeof value === 'number' ? String(value) : `"${value.replace(/["\\]/g, (match) => `\\${match}`)}"`;

const anyOf = (attribute: string, values: readonly (string | number)[] | undefined): string[] =>
  values && values.length > 0 ? [`${attribute} IN [${values.map(literal).join(', ')}]`] : [];

/** Splits Meilisearch's marked text into plain segments. */
export function toSnippet(marked: string | undefined): Snippet {
  if (!marked) return [];
  const segments: Snippet = [];
  for (const [index, part] of marked.split(new RegExp(`[${MATCH_START}${MATCH_END}]`)).entries()) {
    if (part) segments.push({ text: part, match: index % 2 === 1 });
  }
  return segments;
}

const unavailable = () =>
  new Problem(
    HttpStatus.SERVICE_UNAVAILABLE,
    'search-unavailable',
    'Recherche indisponible',
    'La recherche est momentanément indisponible. Le reste de Maillage fonctionne; réessayez dans un instant.',
  );

/**
 * Searches the content index for a member. Every query carries the access rule as a filter on the space ids the
 * AccessPolicy computes for that member, so hits, highlights and facet counts never include what they may not see.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly engine: SearchEngine,
    private readonly access: AccessPolicy,
    private readonly reader: PreparedReader,
  ) {}

  /** The access rule as a Meilisearch filter; null for administrators, who see everything. */
  async accessFilter(viewer: Viewer): Promise<string | null> {
    if (viewer.role === 'admin') return null;
    const spaceIds = await this.access.visibleSpaceIds(viewer);
    return spaceIds.length > 0
      ? `(everyMember = true OR spaceIds IN [${spaceIds.map(literal).join(', ')}])`
      : 'everyMember = true';
  }

  private async filters(viewer: Viewer, query: Partial<ParsedSearchQuery>): Promise<string[]> {
    const access = await this.accessFilter(viewer);
    const startOf = (day: string) => DateTime.fromISO(day, { zone: TIME_ZONE }).startOf('day');
    return [
      ...(access ? [access] : []),
      ...anyOf('type', query.type),
      ...anyOf('spaceIds', query.space),
      ...anyOf('mrc', query.mrc),
      ...anyOf('volet', query.volet),
      ...anyOf('tags', query.tag),
      ...anyOf('organizationId', query.organization),
      ...(query.from ? [`createdAt >= ${startOf(query.from).toSeconds()}`] : []),
      ...(query.to ? [`createdAt < ${startOf(query.to).plus({ days: 1 }).toSeconds()}`] : []),
    ];
  }

  private presentation(): SearchParams {
    return {
      attributesToHighlight: ['title', 'context', 'body'],
      attributesToCrop: ['body:24'],
      cropMarker: '…',
      highlightPreTag: MATCH_START,
      highlightPostTag: MATCH_END,
    };
  }

  async search(viewer: Viewer, query: ParsedSearchQuery): Promise<SearchResults> {
    const offset = query.cursor ? Number(query.cursor) : 0;
    const filter = await this.filters(viewer, query);
    const response = await this.reach(() =>
      this.engine.client.index<SearchDocument>(this.engine.contentIndex).search(query.q, {
        ...this.presentation(),
        filter,
        offset,
        limit: query.limit,
        facets: Object.values(FACET_ATTRIBUTES),
        sort: query.sort === 'recent' ? ['createdAt:desc'] : undefined,
      }),
    );
    const total = response.estimatedTotalHits ?? response.hits.length;
    const next = offset + query.limit;
    return {
      items: response.hits.map((hit) => this.present(hit)),
      nextCursor: next < total ? String(next) : null,
      total,
      facets: await this.facets(response.facetDistribution ?? {}),
      processingTimeMs: response.processingTimeMs,
    };
  }

  async suggest(viewer: Viewer, q: string): Promise<SearchSuggestions> {
    const filter = await this.filters(viewer, {});
    const { results } = await this.reach(() =>
      this.engine.client.multiSearch<{ queries: MultiSearchQuery[] }, SearchDocument>({
        queries: SUGGESTED_TYPES.map((type) => ({
          indexUid: this.engine.contentIndex,
          q,
          ...this.presentation(),
          attributesToCrop: ['body:14'],
          filter: [...filter, `type = ${type}`],
          limit: SUGGESTIONS_PER_TYPE,
        })),
      }),
    );
    return {
      groups: results
        .map((result, index) => ({
          type: SUGGESTED_TYPES[index]!,
          total: result.estimatedTotalHits ?? result.hits.length,
          items: result.hits.map((hit) => this.present(hit as DocumentHit)),
        }))
        .filter((group) => group.items.length > 0),
    };
  }

  /**
   * Runs a Meilisearch call. Not reaching it (down, timeout, 5xx) becomes a 503 that the interface explains; a request
   * it refuses is our bug and stays a 500.
   */
  private async reach<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      if (cause instanceof MeiliHttpError && cause.status < 500) throw error;
      throw unavailable();
    }
  }

  private present(hit: DocumentHit): SearchHit {
    const formatted = hit._formatted ?? {};
    const title = hit.type === 'post' ? formatted.context : formatted.title;
    return {
      type: hit.type,
      id: hit.id,
      title: toSnippet(title as string | undefined),
      excerpt: toSnippet(formatted.body as string | undefined),
      context: hit.type === 'post' ? (hit.spaceName ?? '') : hit.context,
      url: hit.url,
      spaceName: hit.spaceName,
      authorName: hit.authorName,
      tags: hit.tags,
      createdAt: new Date(hit.createdAt * 1000).toISOString(),
    };
  }

  /** Facet counts with the names members know; values are ids, codes and types. */
  private async facets(distribution: Record<string, Record<string, number>>): Promise<SearchFacets> {
    const entries = (attribute: string) => Object.entries(distribution[attribute] ?? {});
    const ids = [...entries('spaceIds'), ...entries('organizationId')].map(([id]) => id);
    const names = new Map<string, string>();
    const rows = await this.reader.rows<{ key: string; name: string }>(
      `SELECT id::text AS key, name FROM spaces WHERE id = ANY($1::uuid[])
       UNION ALL SELECT id::text, short_name FROM organizations WHERE id = ANY($1::uuid[])
       UNION ALL SELECT 'mrc:' || mrc_code, short_name FROM organizations WHERE mrc_code IS NOT NULL`,
      [ids],
    );
    for (const row of rows) names.set(row.key, row.name);
    const values = (attribute: string, label: (value: string) => string): FacetValue[] =>
      entries(attribute)
        .map(([value, count]) => ({ value, label: label(value), count }))
        .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr'));
    return {
      type: values('type', (value) => TYPE_LABELS[value as SearchType] ?? value),
      space: values('spaceIds', (value) => names.get(value) ?? value),
      mrc: values('mrc', (value) => names.get(`mrc:${value}`) ?? value),
      volet: values('volet', (value) => `Volet ${value}`),
      tag: values('tags', (value) => value),
      organization: values('organizationId', (value) => names.get(value) ?? value),
    };
  }
}
