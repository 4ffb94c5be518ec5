import { type FacetValue, type SearchFacets, type SearchQuery, searchRoutes } from '@maillage/contracts';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import { call } from '../../api/client';
import { ErrorNotice, Loading, PageTitle } from '../../app/ui';
import { relativeTime } from '../forums/format';
import { isSearchUnavailable } from './search-errors';
import { SnippetText } from './SnippetText';

/** Facets shown, each the name of its query parameter. */
const FACETS = [
  'type',
  'space',
  'mrc',
  'volet',
  'tag',
  'organization',
] as const satisfies readonly (keyof SearchFacets)[];
type Facet = (typeof FACETS)[number];

/** The query as the page's address holds it, so that a search can be bookmarked and shared. */
function queryOf(params: URLSearchParams): SearchQuery {
  const many = (name: Facet) => params.getAll(name);
  return {
    q: params.get('q') ?? '',
    type: many('type') as SearchQuery['type'],
    space: many('space'),
    mrc: many('mrc'),
    volet: many('volet').map(Number),
    tag: many('tag'),
    organization: many('organization'),
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    sort: params.get('sort') === 'recent' ? 'recent' : 'relevance',
  };
}

function FacetGroup({
  facet,
  values,
  selected,
  onToggle,
}: {
  facet: Facet;
  values: FacetValue[];
  selected: string[];
  onToggle: (value: string) => void;
}) {
  const { t } = useTranslation();
  // A chosen value stays listed, so that it can be unchosen, even when the other filters leave it no hit.
  const shown = [
    ...values,
    ...selected
      .filter((value) => !values.some((candidate) => candidate.value === value))
      .map((value) => ({
        value,
        label: value,
        count: 0,
      })),
  ];
  if (shown.length === 0) return null;
  // Types and volets are named in the interface's language; spaces, MRC, tags and organizations by the api.
  const labelOf = (value: FacetValue) =>
    facet === 'type'
      ? t(`search.type.${value.value}`)
      : facet === 'volet'
        ? t('search.voletNumber', { number: value.value })
        : value.label;
  return (
    <fieldset className="facet">
      <legend>{t(`search.facet.${facet}`)}</legend>
      {shown.map((value) => (
        <label key={value.value} className="facet-value">
          <input type="checkbox" checked={selected.includes(value.value)} onChange={() => onToggle(value.value)} />
          {labelOf(value)}
          <span className="muted small"> ({value.count})</span>
        </label>
      ))}
    </fieldset>
  );
}

/** The query box; keyed by the address's query, so that a search started from the header refills it. */
function SearchForm({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(text.trim());
  };
  return (
    <form role="search" className="search-form" onSubmit={submit}>
      <label htmlFor="search-page-input" className="visually-hidden">
        {t('search.label')}
      </label>
      <input
        id="search-page-input"
        type="search"
        value={text}
        placeholder={t('search.placeholder')}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit">{t('search.submit')}</button>
    </form>
  );
}

/** The full search page: one query over everything the member may see, narrowed by facets and dates. */
export function SearchPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = queryOf(params);

  const results = useInfiniteQuery({
    queryKey: ['search', 'page', params.toString()],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => call(searchRoutes.search, { query: { ...query, cursor: pageParam } }),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    retry: false,
  });

  const update = (change: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(params);
    change(next);
    setParams(next);
  };
  const toggle = (facet: Facet, value: string) =>
    update((next) => {
      const values = next.getAll(facet);
      next.delete(facet);
      for (const kept of values.includes(value) ? values.filter((other) => other !== value) : [...values, value])
        next.append(facet, kept);
    });
  const setOrClear = (name: string, value: string) =>
    update((next) => (value ? next.set(name, value) : next.delete(name)));

  const first = results.data?.pages[0];
  const hits = results.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = FACETS.some((facet) => params.getAll(facet).length > 0) || params.has('from') || params.has('to');

  return (
    <>
      <PageTitle title={t('search.title')}>{t('search.title')}</PageTitle>
      <SearchForm
        key={query.q}
        initial={query.q ?? ''}
        onSearch={(q) => update((next) => (q ? next.set('q', q) : next.delete('q')))}
      />

      <div className="search-layout">
        <aside aria-label={t('search.filters')} className="search-filters">
          <div className="field">
            <label htmlFor="search-sort">{t('search.sort.label')}</label>
            <select
              id="search-sort"
              value={query.sort}
              onChange={(event) => setOrClear('sort', event.target.value === 'recent' ? 'recent' : '')}
            >
              <option value="relevance">{t('search.sort.relevance')}</option>
              <option value="recent">{t('search.sort.recent')}</option>
            </select>
          </div>
          <fieldset className="facet">
            <legend>{t('search.facet.date')}</legend>
            <label className="facet-date">
              {t('search.from')}
              <input
                type="date"
                value={query.from ?? ''}
                onChange={(event) => setOrClear('from', event.target.value)}
              />
            </label>
            <label className="facet-date">
              {t('search.to')}
              <input type="date" value={query.to ?? ''} onChange={(event) => setOrClear('to', event.target.value)} />
            </label>
          </fieldset>
          {FACETS.map((facet) => (
            <FacetGroup
              key={facet}
              facet={facet}
              values={first?.facets[facet] ?? []}
              selected={params.getAll(facet)}
              onToggle={(value) => toggle(facet, value)}
            />
          ))}
          {filtered && (
            <button type="button" className="link-button" onClick={() => setParams(query.q ? { q: query.q } : {})}>
              {t('search.clearFilters')}
            </button>
          )}
        </aside>

        <section aria-labelledby="search-results-title" className="search-results">
          <h2 id="search-results-title" className="visually-hidden">
            {t('search.results')}
          </h2>
          {results.isPending && <Loading />}
          {isSearchUnavailable(results.error) ? (
            <div className="notice notice-error" role="alert">
              {t('search.unavailable')}
            </div>
          ) : (
            <ErrorNotice error={results.error} />
          )}
          {first && (
            <p role="status" className="muted">
              {first.total === 0
                ? query.q
                  ? t('search.none', { q: query.q })
                  : t('search.noneFiltered')
                : t('search.count', { count: first.total })}
            </p>
          )}
          {first?.total === 0 && filtered && <p>{t('search.tryWithoutFilters')}</p>}
          <ol className="search-hits">
            {hits.map((hit) => (
              <li key={`${hit.type}-${hit.id}`} className="search-hit">
                <span className="badge">{t(`search.typeOne.${hit.type}`)}</span>{' '}
                <Link to={hit.url} className="search-hit-title">
                  <SnippetText snippet={hit.title} />
                </Link>
                <p className="muted small">
                  {[hit.context, hit.type !== 'person' ? hit.authorName : null].filter(Boolean).join(' · ')}
                  {hit.type !== 'person' && (
                    <>
                      {' · '}
                      <time dateTime={hit.createdAt}>{relativeTime(hit.createdAt, i18n.language)}</time>
                    </>
                  )}
                </p>
                {hit.excerpt.length > 0 && (
                  <p className="search-excerpt">
                    <SnippetText snippet={hit.excerpt} />
                  </p>
                )}
                {hit.tags.length > 0 && <p className="muted small">{hit.tags.map((tag) => `#${tag}`).join(' ')}</p>}
              </li>
            ))}
          </ol>
          {results.hasNextPage && (
            <button
              type="button"
              className="secondary"
              disabled={results.isFetchingNextPage}
              onClick={() => void results.fetchNextPage()}
            >
              {t('common.more')}
            </button>
          )}
        </section>
      </div>
    </>
  );
}
