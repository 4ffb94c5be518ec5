import { forumRoutes } from '@maillage/contracts';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import { call } from '../api/client';
import { useMe } from '../api/use-me';
import { ErrorNotice, Loading, PageTitle } from '../app/ui';
import { TopicList } from '../features/forums/TopicList';
import { useRoom } from '../realtime/socket';

const views = ['latest', 'unread', 'new'] as const;
type View = (typeof views)[number];

/** Keeps the feed current: one listener per space the member may see. */
function SpaceListener({ spaceId }: { spaceId: string }) {
  const queryClient = useQueryClient();
  useRoom(`space:${spaceId}`, { 'topic:updated': () => void queryClient.invalidateQueries({ queryKey: ['topics'] }) });
  return null;
}

export function ForumsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [searchParams, setSearchParams] = useSearchParams();
  const view: View = views.find((candidate) => candidate === searchParams.get('vue')) ?? 'latest';
  const feed = useInfiniteQuery({
    queryKey: ['topics', 'feed', view],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => call(forumRoutes.feed, { query: { view, cursor: pageParam } }),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  return (
    <>
      <PageTitle title={t('forums.title.page')}>{t('forums.title.page')}</PageTitle>
      {me?.spaces.map((space) => (
        <SpaceListener key={space.id} spaceId={space.id} />
      ))}
      <nav aria-label={t('forums.views')} className="sub-nav">
        <ul>
          {views.map((candidate) => (
            <li key={candidate}>
              <Link
                to={candidate === 'latest' ? '/forums' : `/forums?vue=${candidate}`}
                aria-current={candidate === view ? 'page' : undefined}
                className={candidate === view ? 'active' : undefined}
                onClick={() => setSearchParams(candidate === 'latest' ? {} : { vue: candidate })}
              >
                {t(`forums.view.${candidate}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {feed.isPending && <Loading />}
      <ErrorNotice error={feed.error} />
      {feed.data && <TopicList topics={feed.data.pages.flatMap((page) => page.items)} showSpace />}
      {feed.hasNextPage && (
        <button type="button" className="secondary" onClick={() => void feed.fetchNextPage()}>
          {t('common.more')}
        </button>
      )}
      <h2>{t('forums.bySpace')}</h2>
      <ul className="space-list">
        {me?.spaces.map((space) => (
          <li key={space.id}>
            <Link to={`/espaces/${space.id}`}>{space.name}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}
