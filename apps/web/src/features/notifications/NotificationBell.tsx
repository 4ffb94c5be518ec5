import { notificationRoutes } from '@maillage/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

import { call } from '../../api/client';

/** The header's link to notifications, with the unread count kept live by the socket. */
export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useQuery({
    queryKey: ['notifications', 'count'],
    queryFn: () => call(notificationRoutes.list, { query: { unread: 'true', limit: 1 } }),
    select: (page) => page.unreadCount,
  });
  const count = unread.data ?? 0;
  return (
    <NavLink to="/notifications" className="bell">
      {t('notifications.title')}
      {count > 0 && (
        <span className="bell-count">
          {count}
          <span className="visually-hidden"> {t('notifications.unread', { count })}</span>
        </span>
      )}
    </NavLink>
  );
}
