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
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import type { Hit, MultiSearchQuery } from 'meilisearch';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { z } from 'zod';

import { Problem } from '../common/http/problems';
import { LOGGER } from '../common/logger.provider';
import { newId } from '../database/ids';
import { PreparedStatements } from '../database/prepared-statements';
import type { Viewer } from '../identity/viewer';
import { AccessPolicy } from '../spaces/access-policy';
import { MeiliHttpError } from './meili-http-client';
import { SEARCH_TYPE_LABELS, type SearchDocument } from './search-document';
import { SearchEngine } from './search-engine';
import {
  accessFilter,
  literal,
  MATCH_END,
  MATCH_START,
  pageRequest,
  SUGGESTED_TYPES,
  suggestionRequests,
} from './search-requests';

type ParsedSearchQuery = z.output<typeof SearchQuery>;
type DocumentHit = Hit<SearchDocument>;

const MATCH_MARKS = new RegExp(`[${MATCH_START}${MATCH_END}]`);
const TIME_ZONE = 'America/Toronto';
const ORGANIZATION_NAMES_TTL_MS = 5 * 60_000;
/** One collator for every comparison: `localeCompare` with a locale builds one per call. */
const FRENCH = new Intl.Collator('fr');

const anyOf = (attribute: string, values: readonly (string | number)[] | undefined): string[] =>
  values && values.length > 0 ? [`${attribute} IN [${values.map(literal).join(', ')}]`] : [];

/** Splits Meilisearch's marked text into plain segments. */
export function toSnippet(marked: string | undefined): Snippet {
  if (!marked) return [];
  const segments: Snippet = [];
  for (const [index, part] of marked.split(MATCH_MARKS).entries()) {
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
    private readonly prepared: PreparedStatements,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private organizations?: { names: Promise<Map<string, string>>; loadedAt: number };

  /**
   * The access rule as a Meilisearch filter (null for administrators, who see everything), and the names of the spaces
   * it lets through, for the facet labels: one prepared query.
   */
  private async scope(viewer: Viewer): Promise<{ filter: string | null; spaceNames: Map<string, string> }> {
    const spaces = await this.access.visibleSpaces(viewer);
    const spaceNames = new Map(spaces.map((space) => [space.id, space.name]));
    const filter = viewer.role === 'admin' ? null : accessFilter(spaces.map((space) => space.id));
    return { filter, spaceNames };
  }

  /** Organization and MRC names for facet labels; the organizations are the seeded regional structure. */
  private organizationNames(): Promise<Map<string, string>> {
    if (this.organizations && this.organizations.loadedAt > Date.now() - ORGANIZATION_NAMES_TTL_MS)
      return this.organizations.names;
    const names = this.prepared
      .rows<{ key: string; name: string }>(
        `SELECT id::text AS key, short_name AS name FROM organizations
         UNION ALL SELECT 'mrc:' || mrc_code, short_name FROM organizations WHERE mrc_code IS NOT NULL`,
      )
      .then((rows) => new Map(rows.map((row) => [row.key, row.name])));
    names.catch(() => (this.organizations = undefined));
    this.organizations = { names, loadedAt: Date.now() };
    return names;
  }

  private filters(access: string | null, query: Partial<ParsedSearchQuery>): string[] {
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

  /**
   * A search page that found nothing is kept for the portrait (what the network looks for and does not find): the
   * words and the searcher's organization, never the searcher. Written aside, so that the answer does not wait.
   */
  private recordMiss(viewer: Viewer, words: string): void {
    const query = words.trim().toLowerCase().replace(/\s+/g, ' ');
    if (!query) return;
    this.dataSource
      .query(
        `INSERT INTO search_misses (id, query, organization_id)
         SELECT $1, $2, (SELECT organization_id FROM users WHERE id = $3)`,
        [newId(), query.slice(0, 200), viewer.id],
      )
      .catch((error: unknown) => this.logger.warn({ err: error }, 'a search without results was not recorded'));
  }

  async search(viewer: Viewer, query: ParsedSearchQuery): Promise<SearchResults> {
    const offset = query.cursor ? Number(query.cursor) : 0;
    const [{ filter: access, spaceNames }, organizationNames] = await Promise.all([
      this.scope(viewer),
      this.organizationNames(),
    ]);
    const filter = this.filters(access, query);
    const response = await this.reach(() =>
      this.engine.client
        .index<SearchDocument>(this.engine.contentIndex)
        .search(query.q, pageRequest(filter, { offset, limit: query.limit, recentFirst: query.sort === 'recent' })),
    );
    const total = response.estimatedTotalHits ?? response.hits.length;
    if (total === 0 && offset === 0) this.recordMiss(viewer, query.q);
    const next = offset + query.limit;
    return {
      items: response.hits.map((hit) => this.present(hit, spaceNames)),
      nextCursor: next < total ? String(next) : null,
      total,
      facets: this.facets(response.facetDistribution ?? {}, spaceNames, organizationNames),
      processingTimeMs: response.processingTimeMs,
    };
  }

  async suggest(viewer: Viewer, q: string): Promise<SearchSuggestions> {
    const { filter: access, spaceNames } = await this.scope(viewer);
    const filter = this.filters(access, {});
    const { results } = await this.reach(() =>
      this.engine.client.multiSearch<{ queries: MultiSearchQuery[] }, SearchDocument>({
        queries: suggestionRequests(this.engine.contentIndex, q, filter),
      }),
    );
    return {
      groups: results
        .map((result, index) => ({
          type: SUGGESTED_TYPES[index]!,
          total: result.estimatedTotalHits ?? result.hits.length,
          items: result.hits.map((hit) => this.present(hit as DocumentHit, spaceNames)),
        }))
        .filter((group) => group.items.length > 0),
    };
  }

  /**
   * Runs a Meilisearch call. Not reaching it (down, timeout, 5xx) becomes a 503 that the interface explains, as does
   * an index not created yet (the indexer thread prepares it as the api starts); a request it refuses is our bug and
   * stays a 500.
   */
  private async reach<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      if (cause instanceof MeiliHttpError && cause.status < 500 && cause.code !== 'index_not_found') throw error;
      throw unavailable();
    }
  }

  /** A hit as members see it; the space's name is read fresh, as a renamed space's documents keep the old one. */
  private present(hit: DocumentHit, spaceNames: Map<string, string>): SearchHit {
    const spaceName = (hit.spaceIds[0] && spaceNames.get(hit.spaceIds[0])) ?? hit.spaceName;
    const formatted = hit._formatted ?? {};
    const title = hit.type === 'post' ? formatted.context : formatted.title;
    return {
      type: hit.type,
      id: hit.id,
      title: toSnippet(title as string | undefined),
      excerpt: toSnippet(formatted.body as string | undefined),
      context: hit.type === 'post' ? (spaceName ?? '') : hit.context,
      url: hit.url,
      spaceName,
      authorName: hit.authorName,
      tags: hit.tags,
      createdAt: new Date(hit.createdAt * 1000).toISOString(),
    };
  }

  /** Facet counts with the names members know; values are ids, codes and types. */
  private facets(
    distribution: Record<string, Record<string, number>>,
    spaceNames: Map<string, string>,
    organizationNames: Map<string, string>,
  ): SearchFacets {
    const values = (attribute: string, label: (value: string) => string | undefined): FacetValue[] =>
      Object.entries(distribution[attribute] ?? {})
        .map(([value, count]) => ({ value, label: label(value) ?? value, count }))
        .sort((a, b) => b.count - a.count || FRENCH.compare(a.label, b.label));
    return {
      type: values('type', (value) => SEARCH_TYPE_LABELS[value as SearchType]),
      space: values('spaceIds', (value) => spaceNames.get(value)),
      mrc: values('mrc', (value) => organizationNames.get(`mrc:${value}`)),
      volet: values('volet', (value) => `Volet ${value}`),
      tag: values('tags', (value) => value),
      organization: values('organizationId', (value) => organizationNames.get(value)),
    };
  }
}
