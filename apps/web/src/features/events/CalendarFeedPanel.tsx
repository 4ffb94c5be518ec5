import { type CalendarFeed, eventRoutes } from '@maillage/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { call } from '../../api/client';
import { ErrorNotice } from '../../app/ui';

/** The member's calendar subscription: make, replace or revoke the secret address; it is shown once. */
export function CalendarFeedPanel() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<CalendarFeed | null>(null);
  const status = useQuery({ queryKey: ['calendar-feed'], queryFn: () => call(eventRoutes.feedStatus) });
  const create = useMutation({
    mutationFn: () => call(eventRoutes.createFeed),
    onSuccess: (feed) => {
      setCreated(feed);
      void queryClient.invalidateQueries({ queryKey: ['calendar-feed'] });
    },
  });
  const revoke = useMutation({
    mutationFn: () => call(eventRoutes.revokeFeed),
    onSuccess: () => {
      setCreated(null);
      void queryClient.invalidateQueries({ queryKey: ['calendar-feed'] });
    },
  });
  const active = status.data?.active ?? false;
  return (
    <section className="panel" aria-labelledby="feed-heading">
      <h2 id="feed-heading">{t('events.feed.title')}</h2>
      <p>{t('events.feed.about')}</p>
      <ErrorNotice error={status.error ?? create.error ?? revoke.error} />
      {status.data && (
        <p className="muted">
          {active && status.data.createdAt
            ? t('events.feed.active', {
                date: new Date(status.data.createdAt).toLocaleDateString(i18n.language, { dateStyle: 'long' }),
              })
            : t('events.feed.inactive')}
        </p>
      )}
      {created?.url && (
        <div className="field">
          <label htmlFor="feed-url">{t('events.feed.url')}</label>
          <input id="feed-url" readOnly value={created.url} onFocus={(event) => event.target.select()} />
          <p className="hint">{t('events.feed.copyOnce')}</p>
        </div>
      )}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => create.mutate()} disabled={create.isPending}>
          {active ? t('events.feed.renew') : t('events.feed.create')}
        </button>
        {active && (
          <button type="button" className="secondary" onClick={() => revoke.mutate()} disabled={revoke.isPending}>
            {t('events.feed.revoke')}
          </button>
        )}
      </div>
    </section>
  );
}
