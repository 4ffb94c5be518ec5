import { notificationRoutes } from '@maillage/contracts';
import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

import { call } from '../../api/client';
import { ErrorNotice, Loading, PageTitle } from '../../app/ui';

/**
 * Opened from a mail's "stop these emails" link: it unsubscribes at once (the link is signed for one member and one
 * kind; a mail scanner fetching the page runs no script, so it unsubscribes nobody).
 */
export function UnsubscribePage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const stop = useMutation({ mutationFn: () => call(notificationRoutes.unsubscribe, { params: { token } }) });
  const { mutate } = stop;
  useEffect(() => mutate(), [mutate]);
  return (
    <>
      <PageTitle title={t('notifications.unsubscribe.title')}>{t('notifications.unsubscribe.title')}</PageTitle>
      {stop.isPending && <Loading />}
      <ErrorNotice error={stop.error} />
      {stop.data && (
        <p className="notice notice-success" role="status">
          {stop.data.stopped === 'digest'
            ? t('notifications.unsubscribe.digest')
            : t('notifications.unsubscribe.kind', { kind: t(`notifications.kindNames.${stop.data.stopped}`) })}
        </p>
      )}
      <p>
        <Link to="/notifications#preferences">{t('notifications.unsubscribe.manage')}</Link>
      </p>
    </>
  );
}
