import {
  NotificationDelivery as Deliveries,
  type NotificationDelivery,
  type NotificationPreferences,
  notificationRoutes,
} from '@maillage/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { call } from '../../api/client';
import { ErrorNotice, Loading } from '../../app/ui';

/** How I hear of each kind — in the app, by email at once, in the daily digest, or not at all — and the digest's hour. */
export function NotificationPreferencesPanel() {
  const preferences = useQuery({
    queryKey: ['notification-preferences'],
    queryFn: () => call(notificationRoutes.preferences),
  });
  if (!preferences.data) return preferences.error ? <ErrorNotice error={preferences.error} /> : <Loading />;
  return <PreferencesForm initial={preferences.data} />;
}

function PreferencesForm({ initial }: { initial: NotificationPreferences }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(initial);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () => call(notificationRoutes.updatePreferences, { body: draft }),
    onSuccess: (answer) => {
      setSaved(true);
      queryClient.setQueryData(['notification-preferences'], answer);
    },
  });
  const choose = (kind: string, delivery: NotificationDelivery) => {
    setSaved(false);
    setDraft({ ...draft, kinds: draft.kinds.map((entry) => (entry.kind === kind ? { ...entry, delivery } : entry)) });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} className="preferences">
      <table>
        <caption>{t('notifications.preferences.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('notifications.preferences.kind')}</th>
            {Deliveries.options.map((delivery) => (
              <th key={delivery} scope="col">
                {t(`notifications.delivery.${delivery}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {draft.kinds.map(({ kind, delivery }) => (
            <tr key={kind}>
              <th scope="row">{t(`notifications.kindNames.${kind}`)}</th>
              {Deliveries.options.map((option) => (
                <td key={option}>
                  <input
                    type="radio"
                    name={`delivery-${kind}`}
                    aria-label={`${t(`notifications.kindNames.${kind}`)} : ${t(`notifications.delivery.${option}`)}`}
                    checked={delivery === option}
                    onChange={() => choose(kind, option)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <label className="inline-select">
        {t('notifications.preferences.digestHour')}{' '}
        <select
          value={draft.digestHour}
          onChange={(event) => {
            setSaved(false);
            setDraft({ ...draft, digestHour: Number(event.target.value) });
          }}
        >
          {Array.from({ length: 24 }, (_, hour) => (
            <option key={hour} value={hour}>
              {t('notifications.preferences.hour', { hour })}
            </option>
          ))}
        </select>
      </label>
      <ErrorNotice error={save.error} />
      {saved && (
        <p className="notice notice-success" role="status">
          {t('notifications.preferences.saved')}
        </p>
      )}
      <button type="submit" className="primary" disabled={save.isPending}>
        {t('notifications.preferences.save')}
      </button>
    </form>
  );
}
