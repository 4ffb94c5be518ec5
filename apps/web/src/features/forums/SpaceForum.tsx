import { forumRoutes, type SubscriptionLevel, type TopicSort } from '@maillage/contracts';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { call } from '../../api/client';
import { ErrorNotice, Field, fieldErrorsOf, Loading } from '../../app/ui';
import { useRoom } from '../../realtime/socket';
import { Composer } from './Composer';
import { TopicList } from './TopicList';

/** A space's forum: its topics, kept current live, and a form to open one. */
export function SpaceForum({ spaceId, spaceName }: { spaceId: string; spaceName: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [sort, setSort] = useState<TopicSort>('latest');
  const [composing, setComposing] = useState(false);
  const [title, setTitle] = useState('');
  const [tags, setTags] = useState('');

  const topics = useInfiniteQuery({
    queryKey: ['topics', 'space', spaceId, sort],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(forumRoutes.listTopics, { params: { id: spaceId }, query: { sort, cursor: pageParam } }),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  useRoom(`space:${spaceId}`, { 'topic:updated': () => void queryClient.invalidateQueries({ queryKey: ['topics'] }) });

  const create = useMutation({
    mutationFn: (body: string) =>
      call(forumRoutes.createTopic, {
        params: { id: spaceId },
        body: {
          title,
          body,
          tags: tags
            .split(',')
            .map((tag) => tag.trim())
            .filter(Boolean),
        },
      }),
    onSuccess: (topic) => {
      void queryClient.invalidateQueries({ queryKey: ['topics'] });
      void navigate(`/sujets/${topic.id}`);
    },
  });
  const subscribe = useMutation({
    mutationFn: (level: SubscriptionLevel) =>
      call(forumRoutes.subscribeSpace, { params: { id: spaceId }, body: { level } }),
  });
  const errors = fieldErrorsOf(create.error);

  return (
    <section aria-labelledby="forum-heading">
      <div className="section-header">
        <h2 id="forum-heading">{t('forums.forumOf', { space: spaceName })}</h2>
        <button type="button" className="primary" aria-expanded={composing} onClick={() => setComposing(!composing)}>
          {t('forums.newTopic')}
        </button>
      </div>
      {composing && (
        <div className="new-topic">
          <ErrorNotice error={create.error} />
          <Composer
            draftKey={`maillage.brouillon.espace.${spaceId}`}
            label={t('forums.body')}
            submitLabel={t('forums.publish')}
            onSubmit={(body) => create.mutateAsync(body)}
            error={errors.body}
          >
            <Field
              label={t('forums.titleField')}
              value={title}
              onChange={(event) => setTitle(event.target.value)}
              error={errors.title}
              required
              maxLength={200}
            />
            <Field
              label={t('forums.tags')}
              hint={t('forums.tagsHint')}
              value={tags}
              onChange={(event) => setTags(event.target.value)}
              error={errors.tags ?? errors['tags.0']}
            />
          </Composer>
        </div>
      )}
      <div className="list-tools">
        <label className="inline-select">
          {t('forums.sort.label')}{' '}
          <select value={sort} onChange={(event) => setSort(event.target.value as TopicSort)}>
            <option value="latest">{t('forums.sort.latest')}</option>
            <option value="new">{t('forums.sort.new')}</option>
            <option value="top">{t('forums.sort.top')}</option>
          </select>
        </label>
        <label className="inline-select">
          {t('forums.subscription.spaceLabel')}{' '}
          <select defaultValue="normal" onChange={(event) => subscribe.mutate(event.target.value as SubscriptionLevel)}>
            <option value="watching">{t('forums.subscription.watchingSpace')}</option>
            <option value="normal">{t('forums.subscription.normal')}</option>
            <option value="muted">{t('forums.subscription.muted')}</option>
          </select>
        </label>
      </div>
      {topics.isPending && <Loading />}
      <ErrorNotice error={topics.error ?? subscribe.error} />
      {topics.data && <TopicList topics={topics.data.pages.flatMap((page) => page.items)} />}
      {topics.hasNextPage && (
        <button type="button" className="secondary" onClick={() => void topics.fetchNextPage()}>
          {t('common.more')}
        </button>
      )}
    </section>
  );
}
