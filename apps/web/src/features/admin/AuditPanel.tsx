import { AuditAction, auditRoutes } from '@maillage/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { call } from '../../api/client';
import { ErrorNotice, Loading } from '../../app/ui';
import { formatDate } from './format';

/** Translation keys cannot hold the dots of action names. */
const actionLabel = (action: string) => `admin.auditActions.${action.replace('.', '-')}`;

/** The audit log: who did what administrative action, to what, when. */
export function AuditPanel() {
  const { t, i18n } = useTranslation();
  const [action, setAction] = useState('');
  const entries = useInfiniteQuery({
    queryKey: ['audit', action],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(auditRoutes.list, {
        query: { ...(action ? { action: action as AuditAction } : {}), cursor: pageParam },
      }),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = entries.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">{t('admin.audit')}</h2>
      <label className="inline-select">
        {t('admin.auditAction')}{' '}
        <select value={action} onChange={(event) => setAction(event.target.value)}>
          <option value="">{t('admin.auditAll')}</option>
          {AuditAction.options.map((option) => (
            <option key={option} value={option}>
              {t(actionLabel(option))}
            </option>
          ))}
        </select>
      </label>
      {entries.isPending && <Loading />}
      <ErrorNotice error={entries.error} />
      <table>
        <caption className="visually-hidden">{t('admin.audit')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.auditWhen')}</th>
            <th scope="col">{t('admin.auditWho')}</th>
            <th scope="col">{t('admin.auditWhat')}</th>
            <th scope="col">{t('admin.auditTarget')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((entry) => (
            <tr key={entry.id}>
              <td>{formatDate(entry.createdAt, i18n.language)}</td>
              <td>{entry.actor?.displayName ?? t('admin.auditTool')}</td>
              <td>{t(actionLabel(entry.action))}</td>
              <td>
                {entry.target}
                {Object.keys(entry.details).length > 0 && (
                  <span className="muted small">
                    {' '}
                    (
                    {Object.entries(entry.details)
                      .filter(([key]) => !key.endsWith('Id'))
                      .map(([key, value]) => `${key} : ${String(value)}`)
                      .join(', ')}
                    )
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.hasNextPage && (
        <button type="button" className="secondary" onClick={() => void entries.fetchNextPage()}>
          {t('common.more')}
        </button>
      )}
    </section>
  );
}
