import { forumRoutes, type Post, type SubscriptionLevel } from '@maillage/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';

import { call } from '../../api/client';
import { useMe } from '../../api/use-me';
import { ErrorNotice, Loading, PageTitle } from '../../app/ui';
import { useRoom } from '../../realtime/socket';
import { Composer } from './Composer';
import { PostView } from './PostView';

const PAGE = 20;

interface PageParam {
  from: number;
  limit: number;
}

interface ControlsProps {
  topicId: string;
  spaceId: string;
  pinned: boolean;
  locked: boolean;
  announcement: boolean;
}

function TopicControls({ topicId, spaceId, pinned, locked, announcement }: ControlsProps) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const update = useMutation({
    mutationFn: (body: { pinned?: boolean; locked?: boolean; announcement?: boolean; spaceId?: string }) =>
      call(forumRoutes.updateTopic, { params: { id: topicId }, body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['topic', topicId] });
      void queryClient.invalidateQueries({ queryKey: ['topics'] });
    },
  });
  return (
    <div className="topic-controls" role="group" aria-label={t('forums.moderation')}>
      <ErrorNotice error={update.error} />
      <button type="button" className="secondary" onClick={() => update.mutate({ pinned: !pinned })}>
        {pinned ? t('forums.unpin') : t('forums.pin')}
      </button>
      <button type="button" className="secondary" onClick={() => update.mutate({ locked: !locked })}>
        {locked ? t('forums.unlock') : t('forums.lock')}
      </button>
      {me?.role === 'admin' && (
        <button type="button" className="secondary" onClick={() => update.mutate({ announcement: !announcement })}>
          {announcement ? t('forums.unannounce') : t('forums.announce')}
        </button>
      )}
      <label className="inline-select">
        {t('forums.move')}{' '}
        <select value={spaceId} onChange={(event) => update.mutate({ spaceId: event.target.value })}>
          {me?.spaces.map((space) => (
            <option key={space.id} value={space.id}>
              {space.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

export function TopicPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [searchParams] = useSearchParams();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const [replyTo, setReplyTo] = useState<number>();
  const [insert, setInsert] = useState<{ text: string; at: number }>();
  const [freshPosts, setFreshPosts] = useState(0);
  const markedUpTo = useRef(0);
  const since = Number(searchParams.get('depuis')) || 1;

  const topic = useQuery({ queryKey: ['topic', id], queryFn: () => call(forumRoutes.getTopic, { params: { id } }) });
  const posts = useInfiniteQuery({
    queryKey: ['posts', id],
    initialPageParam: { from: Math.max(1, since - 2), limit: PAGE } as PageParam,
    queryFn: ({ pageParam }) => call(forumRoutes.listPosts, { params: { id }, query: pageParam }),
    getNextPageParam: (page): PageParam | undefined =>
      page.nextFrom ? { from: page.nextFrom, limit: PAGE } : undefined,
    getPreviousPageParam: (page): PageParam | undefined => {
      const first = page.items[0]?.number ?? 1;
      return first > 1 ? { from: Math.max(1, first - PAGE), limit: Math.min(PAGE, first - 1) } : undefined;
    },
  });
  const loaded = useMemo(() => posts.data?.pages.flatMap((page) => page.items) ?? [], [posts.data]);
  const highest = loaded.at(-1)?.number ?? 0;

  const markRead = useMutation({
    mutationFn: (number: number) => call(forumRoutes.markRead, { params: { id }, body: { lastReadNumber: number } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['topics'] });
      void queryClient.invalidateQueries({ queryKey: ['notifications'] });
    },
  });
  useEffect(() => {
    if (highest > markedUpTo.current) {
      markedUpTo.current = highest;
      markRead.mutate(highest);
    }
    // markRead is stable enough: only a new highest post should send a new mark.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [highest]);

  useEffect(() => {
    if (since > 1 && loaded.some((post) => post.number === since))
      document.getElementById(`message-${since}`)?.scrollIntoView();
  }, [since, loaded]);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['posts', id] });
    void queryClient.invalidateQueries({ queryKey: ['topic', id] });
  };
  useRoom(topic.data ? `topic:${id}` : undefined, {
    'post:created': (event) => {
      if (event.authorId !== me?.id) setFreshPosts((count) => count + 1);
      refresh();
    },
    'post:updated': refresh,
    'post:deleted': refresh,
  });

  const subscribe = useMutation({
    mutationFn: (level: SubscriptionLevel) => call(forumRoutes.subscribeTopic, { params: { id }, body: { level } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['topic', id] }),
  });
  const reply = useMutation({
    mutationFn: (body: string) =>
      call(forumRoutes.createPost, { params: { id }, body: { body, replyToNumber: replyTo } }),
    onSuccess: () => {
      setReplyTo(undefined);
      refresh();
    },
  });

  if (topic.isPending) return <Loading />;
  if (topic.isError) return <ErrorNotice error={topic.error} />;
  const current = topic.data;
  const quote = (post: Post) => {
    const quoted = post.markdown
      .split('\n')
      .map((line) => `> ${line}`)
      .join('\n');
    setReplyTo(post.number);
    setInsert({ text: `${quoted}\n\n`, at: Date.now() });
  };

  return (
    <>
      <p className="breadcrumb">
        <Link to={`/espaces/${current.spaceId}`}>{current.spaceName}</Link>
      </p>
      <PageTitle title={current.title}>{current.title}</PageTitle>
      <div className="topic-meta">
        {current.announcement && <span className="badge badge-strong">{t('forums.announcement')}</span>}
        {current.pinned && <span className="badge">{t('forums.pinned')}</span>}
        {current.locked && <span className="badge">{t('forums.locked')}</span>}
        {current.tags.map((tag) => (
          <span key={tag} className="badge">
            #{tag}
          </span>
        ))}
        <label className="inline-select">
          {t('forums.subscription.label')}{' '}
          <select
            value={current.subscription}
            onChange={(event) => subscribe.mutate(event.target.value as SubscriptionLevel)}
          >
            <option value="watching">{t('forums.subscription.watching')}</option>
            <option value="normal">{t('forums.subscription.normal')}</option>
            <option value="muted">{t('forums.subscription.muted')}</option>
          </select>
        </label>
      </div>
      {current.canModerate && (
        <TopicControls
          topicId={id}
          spaceId={current.spaceId}
          pinned={current.pinned}
          locked={current.locked}
          announcement={current.announcement}
        />
      )}
      {posts.hasPreviousPage && (
        <button
          type="button"
          className="secondary"
          onClick={() => void posts.fetchPreviousPage()}
          disabled={posts.isFetchingPreviousPage}
        >
          {t('forums.earlier')}
        </button>
      )}
      <ErrorNotice error={posts.error} />
      <div className="posts">
        {loaded.map((post) => (
          <PostView
            key={post.id}
            post={post}
            viewerId={me?.id ?? ''}
            topicId={id}
            canModerate={current.canModerate}
            canReply={current.canReply}
            onReply={(target) => setReplyTo(target.number)}
            onQuote={quote}
          />
        ))}
      </div>
      {posts.hasNextPage && (
        <button
          type="button"
          className="secondary"
          onClick={() => void posts.fetchNextPage()}
          disabled={posts.isFetchingNextPage}
        >
          {t('forums.later')}
        </button>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {freshPosts > 0 ? t('forums.freshPosts', { count: freshPosts }) : ''}
      </p>
      {current.canReply ? (
        <section aria-labelledby="reply-heading" className="reply-box">
          <h2 id="reply-heading">{t('forums.replyTitle')}</h2>
          <ErrorNotice error={reply.error} />
          {replyTo && (
            <p>
              {t('forums.replyingTo', { number: replyTo })}{' '}
              <button type="button" className="link-button" onClick={() => setReplyTo(undefined)}>
                {t('common.cancel')}
              </button>
            </p>
          )}
          <Composer
            draftKey={`maillage.brouillon.sujet.${id}`}
            label={t('forums.replyLabel')}
            submitLabel={t('forums.send')}
            insert={insert}
            onSubmit={(body) => reply.mutateAsync(body)}
          />
        </section>
      ) : (
        <p className="notice">{t('forums.lockedNotice')}</p>
      )}
    </>
  );
}
