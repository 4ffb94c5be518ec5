import { forumRoutes } from '@maillage/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { call } from '../../api/client';
import { isStaff, useMe } from '../../api/use-me';
import { ErrorNotice, Loading, PageTitle } from '../../app/ui';
import { NotFoundPage } from '../../pages/NotFoundPage';

export function ModerationPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const queue = useQuery({
    queryKey: ['moderation'],
    queryFn: () => call(forumRoutes.moderationQueue),
    enabled: isStaff(me),
  });
  const moderate = useMutation({
    mutationFn: ({
      topicId,
      number,
      action,
    }: {
      topicId: string;
      number: number;
      action: 'hide' | 'restore' | 'dismiss';
    }) => call(forumRoutes.moderate, { params: { id: topicId, number }, body: { action } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['moderation'] }),
  });
  if (!isStaff(me)) return <NotFoundPage />;
  return (
    <>
      <PageTitle title={t('moderation.title')}>{t('moderation.title')}</PageTitle>
      {queue.isPending && <Loading />}
      <ErrorNotice error={queue.error ?? moderate.error} />
      {queue.data?.items.length === 0 && <p>{t('moderation.empty')}</p>}
      {queue.data?.items.map((entry) => (
        <article key={entry.post.id} className="post" aria-labelledby={`flagged-${entry.post.id}`}>
          <h2 id={`flagged-${entry.post.id}`} className="post-author">
            <Link to={`/sujets/${entry.topicId}?depuis=${entry.post.number}`}>
              {entry.topicTitle} — #{entry.post.number}
            </Link>{' '}
            <span className="muted small">
              {entry.spaceName} · {entry.post.author?.displayName ?? t('forums.formerMember')}
            </span>
          </h2>
          <div className="post-body" dangerouslySetInnerHTML={{ __html: entry.post.html }} />
          <ul>
            {entry.flags.map((flag, index) => (
              <li key={index}>
                {t(`forums.flag.reasons.${flag.reason}`)} — {flag.flaggedBy?.displayName ?? t('forums.formerMember')}
                {flag.note && <> : « {flag.note} »</>}
              </li>
            ))}
          </ul>
          <div className="post-actions">
            <button
              type="button"
              className="secondary"
              onClick={() => moderate.mutate({ topicId: entry.topicId, number: entry.post.number, action: 'hide' })}
            >
              {t('forums.hide')}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => moderate.mutate({ topicId: entry.topicId, number: entry.post.number, action: 'dismiss' })}
            >
              {t('moderation.dismiss')}
            </button>
          </div>
        </article>
      ))}
    </>
  );
}
