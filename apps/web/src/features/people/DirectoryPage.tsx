import { peopleRoutes, REGION_THEMES } from '@maillage/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import { call } from '../../api/client';
import { useMrcs, useOrganizations } from '../../api/use-network';
import { ErrorNotice, Field, Loading, PageTitle, SelectField } from '../../app/ui';
import { PersonCardView } from './PersonCardView';

const FILTERS = ['q', 'organization', 'mrc', 'theme'] as const;

/** The member directory: "who works on food security in La Mitis?" — words and filters are the page address. */
export function DirectoryPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = Object.fromEntries(FILTERS.map((key) => [key, params.get(key) ?? undefined])) as Record<
    (typeof FILTERS)[number],
    string | undefined
  >;
  const [words, setWords] = useState(query.q ?? '');
  const organizations = useOrganizations().data?.items ?? [];
  const mrcs = useMrcs();
  const setFilter = (key: (typeof FILTERS)[number], value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  // Typing waits a moment before it becomes the address (and a query).
  useEffect(() => {
    const timer = setTimeout(() => {
      if ((query.q ?? '') !== words.trim()) setFilter('q', words.trim());
    }, 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [words]);
  const people = useInfiniteQuery({
    queryKey: ['directory', query],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => call(peopleRoutes.directory, { query: { ...query, cursor: pageParam } }),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = people.data?.pages.flatMap((page) => page.items) ?? [];
  const total = people.data?.pages[0]?.total;

  return (
    <>
      <PageTitle title={t('people.title')}>{t('people.title')}</PageTitle>
      <p className="lead">{t('people.about')}</p>
      <p>
        <Link to="/organisations">{t('organizations.browse')}</Link>
      </p>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <Field
          label={t('people.search')}
          hint={t('people.searchHint')}
          type="search"
          value={words}
          onChange={(event) => setWords(event.target.value)}
        />
        <SelectField
          label={t('people.organization')}
          value={query.organization ?? ''}
          onChange={(event) => setFilter('organization', event.target.value)}
        >
          <option value="">{t('people.any')}</option>
          {organizations.map((organization) => (
            <option key={organization.id} value={organization.id}>
              {organization.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('people.mrc')} value={query.mrc ?? ''} onChange={(e) => setFilter('mrc', e.target.value)}>
          <option value="">{t('people.any')}</option>
          {mrcs.map((mrc) => (
            <option key={mrc.mrcCode} value={mrc.mrcCode}>
              {mrc.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('people.theme')}
          value={query.theme ?? ''}
          onChange={(event) => setFilter('theme', event.target.value)}
        >
          <option value="">{t('people.any')}</option>
          {REGION_THEMES.map((theme) => (
            <option key={theme} value={theme}>
              {theme}
            </option>
          ))}
        </SelectField>
      </form>
      {people.isPending && <Loading />}
      <ErrorNotice error={people.error} />
      {total !== undefined && (
        <p role="status" className="muted">
          {t('people.count', { count: total })}
        </p>
      )}
      <ul className="person-list">
        {items.map((person) => (
          <li key={person.id}>
            <PersonCardView person={person} />
          </li>
        ))}
      </ul>
      {people.hasNextPage && (
        <button type="button" className="secondary" onClick={() => void people.fetchNextPage()}>
          {t('people.more')}
        </button>
      )}
    </>
  );
}
