import { libraryRoutes, ResourceKind, type ResourceListQuery, type ResourceSummary } from '@maillage/contracts';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import { call } from '../../api/client';
import { useMrcs, useSpaces } from '../../api/use-network';
import { ErrorNotice, Loading, PageTitle } from '../../app/ui';
import { relativeTime } from '../forums/format';
import { AddResource } from './AddResource';
import { fileSize } from './format';

const FILTERS = ['kind', 'volet', 'mrc', 'space', 'tag', 'sort'] as const;

/** The library: resources I may see, filtered (the filters are the page address) and sorted; upload and link forms. */
export function LibraryPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [adding, setAdding] = useState<'file' | 'link' | null>(null);
  const query = Object.fromEntries(FILTERS.map((key) => [key, params.get(key) ?? undefined])) as Record<
    (typeof FILTERS)[number],
    string | undefined
  >;
  const spaces = useSpaces();
  const mrcs = useMrcs();
  const filters = {
    kind: query.kind as ResourceListQuery['kind'],
    volet: query.volet ? [Number(query.volet)] : undefined,
    mrc: query.mrc,
    space: query.space,
    tag: query.tag,
  };
  const facets = useQuery({
    queryKey: ['resource-facets', filters],
    queryFn: () => call(libraryRoutes.facets, { query: filters }),
  });
  /** "Guide (12)": the count beside each choice, under the other filters. */
  const withCount = (facet: 'kind' | 'volet' | 'mrc', value: string, label: string) => {
    const count = facets.data?.[facet].find((entry) => entry.value === value)?.count;
    return facets.data ? `${label} (${count ?? 0})` : label;
  };
  const resources = useInfiniteQuery({
    queryKey: ['resources', query],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(libraryRoutes.list, {
        query: {
          ...filters,
          sort: (query.sort as 'recent' | 'popular' | undefined) ?? 'recent',
          cursor: pageParam,
        },
      }),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const setFilter = (key: (typeof FILTERS)[number], value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const items = resources.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageTitle title={t('library.title')}>{t('library.title')}</PageTitle>
      <div className="section-header">
        <p className="lead">{t('library.about')}</p>
        <div className="actions">
          <button
            type="button"
            className="primary"
            aria-expanded={adding === 'file'}
            onClick={() => setAdding(adding === 'file' ? null : 'file')}
          >
            {t('library.upload')}
          </button>
          <button
            type="button"
            className="secondary"
            aria-expanded={adding === 'link'}
            onClick={() => setAdding(adding === 'link' ? null : 'link')}
          >
            {t('library.addLink')}
          </button>
        </div>
      </div>
      {adding && <AddResource key={adding} mode={adding} />}
      <fieldset className="list-tools calendar-filters">
        <legend className="visually-hidden">{t('library.filters')}</legend>
        <label className="inline-select">
          {t('library.field.kind')}{' '}
          <select value={query.kind ?? ''} onChange={(event) => setFilter('kind', event.target.value)}>
            <option value="">{t('library.allKinds')}</option>
            {ResourceKind.options.map((kind) => (
              <option key={kind} value={kind}>
                {withCount('kind', kind, t(`library.kinds.${kind}`))}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-select">
          {t('library.field.volet')}{' '}
          <select value={query.volet ?? ''} onChange={(event) => setFilter('volet', event.target.value)}>
            <option value="">{t('library.allVolets')}</option>
            {[1, 2, 3, 4].map((number) => (
              <option key={number} value={number}>
                {withCount('volet', String(number), t('events.voletNumber', { number }))}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-select">
          MRC{' '}
          <select value={query.mrc ?? ''} onChange={(event) => setFilter('mrc', event.target.value)}>
            <option value="">{t('library.allMrc')}</option>
            {mrcs.map((organization) => (
              <option key={organization.id} value={organization.mrcCode}>
                {withCount('mrc', organization.mrcCode, organization.shortName)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-select">
          {t('library.field.space')}{' '}
          <select value={query.space ?? ''} onChange={(event) => setFilter('space', event.target.value)}>
            <option value="">{t('library.allSpaces')}</option>
            {spaces.data?.items.map((space) => (
              <option key={space.id} value={space.id}>
                {space.name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-select">
          {t('library.tag')}{' '}
          <input
            type="search"
            defaultValue={query.tag ?? ''}
            onKeyDown={(event) =>
              event.key === 'Enter' && setFilter('tag', event.currentTarget.value.trim().toLowerCase())
            }
            onBlur={(event) => setFilter('tag', event.target.value.trim().toLowerCase())}
          />
        </label>
        <label className="inline-select">
          {t('library.sort.label')}{' '}
          <select value={query.sort ?? 'recent'} onChange={(event) => setFilter('sort', event.target.value)}>
            <option value="recent">{t('library.sort.recent')}</option>
            <option value="popular">{t('library.sort.popular')}</option>
          </select>
        </label>
      </fieldset>
      {resources.isPending && <Loading />}
      <ErrorNotice error={resources.error} />
      {resources.data && items.length === 0 && <p>{t('library.empty')}</p>}
      <ul className="resource-list">
        {items.map((resource) => (
          <ResourceItem key={resource.id} resource={resource} />
        ))}
      </ul>
      {resources.hasNextPage && (
        <button type="button" className="secondary" onClick={() => void resources.fetchNextPage()}>
          {t('common.more')}
        </button>
      )}
    </>
  );
}

function ResourceItem({ resource }: { resource: ResourceSummary }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="resource-item">
      <Link className="resource-title" to={`/ressources/${resource.id}`}>
        {resource.title}
      </Link>
      <p className="muted small">
        <span className="badge">{t(`library.kinds.${resource.kind}`)}</span>{' '}
        {resource.format === 'file' && resource.sizeBytes !== null
          ? `${resource.fileName} · ${fileSize(resource.sizeBytes, i18n.language)}`
          : t(`library.formats.${resource.format}`)}
        {' · '}
        {resource.spaceName}
        {resource.organizationName && <> · {resource.organizationName}</>}
        {' · '}
        {relativeTime(resource.createdAt, i18n.language)}
        {resource.format === 'file' && <> · {t('library.downloads', { count: resource.downloadCount })}</>}
      </p>
    </li>
  );
}
