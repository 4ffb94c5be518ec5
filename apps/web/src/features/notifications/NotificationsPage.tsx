import { notificationRoutes } from '@maillage/contracts';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { call } from '../../api/client';
import { ErrorNotice, Loading, PageTitle } from '../../app/ui';
import { relativeTime } from '../forums/format';
import { NotificationPreferencesPanel } from './NotificationPreferencesPanel';

export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const notifications = useInfiniteQuery({
    queryKey: ['notifications', 'list'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => call(notificationRoutes.list, { query: { cursor: pageParam } }),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const markAll = useMutation({
    mutationFn: () => call(notificationRoutes.markRead, { body: { all: true } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const items = notifications.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <PageTitle title={t('notifications.title')}>{t('notifications.title')}</PageTitle>
      <button type="button" className="secondary" onClick={() => markAll.mutate()} disabled={markAll.isPending}>
        {t('notifications.markAll')}
      </button>
      {notifications.isPending && <Loading />}
      <ErrorNotice error={notifications.error ?? markAll.error} />
      {notifications.data && items.length === 0 && <p>{t('notifications.empty')}</p>}
      <ul className="notification-list">
        {items.map((notification) => (
          <li key={notification.id} className={notification.read ? undefined : 'unread'}>
            {!notification.read && <span className="badge badge-unread">{t('notifications.new')}</span>}{' '}
            {t(`notifications.kinds.${notification.kind}`, {
              actor: notification.actor?.displayName ?? t('forums.formerMember'),
            })}{' '}
            {notification.topicId && (
              <Link to={`/sujets/${notification.topicId}?depuis=${notification.postNumber ?? 1}`}>
                {notification.subject}
              </Link>
            )}
            {!notification.topicId && notification.url && <Link to={notification.url}>{notification.subject}</Link>}{' '}
            <span className="muted small">{relativeTime(notification.createdAt, i18n.language)}</span>
          </li>
        ))}
      </ul>
      {notifications.hasNextPage && (
        <button type="button" className="secondary" onClick={() => void notifications.fetchNextPage()}>
          {t('common.more')}
        </button>
      )}
      <section id="preferences" aria-labelledby="preferences-heading">
        <h2 id="preferences-heading">{t('notifications.preferences.title')}</h2>
        <p>{t('notifications.preferences.about')}</p>
        <NotificationPreferencesPanel />
      </section>
    </>
  );
}
