import { authRoutes, PASSWORD_MIN_LENGTH } from '@maillage/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { call } from '../../api/client';
import { useMe } from '../../api/use-me';
import { ErrorNotice, Field, fieldErrorsOf, PageTitle } from '../../app/ui';
import { formatDate } from '../admin/format';

export function AccountPage() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [changed, setChanged] = useState(false);

  const sessions = useQuery({ queryKey: ['sessions'], queryFn: () => call(authRoutes.listSessions) });
  const change = useMutation({
    mutationFn: () => call(authRoutes.changePassword, { body: { currentPassword, newPassword } }),
    onSuccess: () => {
      setChanged(true);
      setCurrentPassword('');
      setNewPassword('');
      void queryClient.invalidateQueries({ queryKey: ['sessions'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => call(authRoutes.revokeSession, { params: { id } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['sessions'] }),
  });
  const errors = fieldErrorsOf(change.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChanged(false);
    change.mutate();
  };

  return (
    <>
      <PageTitle title={t('account.title')}>{t('account.title')}</PageTitle>
      {me && (
        <p className="lead">
          {me.displayName} — {me.email}
          {me.organization && <> — {me.organization.name}</>}
        </p>
      )}
      <nav aria-label={t('account.sections')}>
        <ul className="inline-list">
          <li>
            <Link to="/compte/profil">{t('people.editTitle')}</Link>
          </li>
          <li>
            <Link to="/notifications#preferences">{t('notifications.preferences.title')}</Link>
          </li>
          <li>
            <Link to="/compte/confidentialite">{t('privacy.link')}</Link>
          </li>
        </ul>
      </nav>
      <section aria-labelledby="password-heading" className="narrow">
        <h2 id="password-heading">{t('account.changePassword')}</h2>
        <ErrorNotice error={change.error} />
        {changed && (
          <p className="notice notice-success" role="status">
            {t('account.passwordChanged')}
          </p>
        )}
        <form onSubmit={submit} noValidate>
          <Field
            label={t('fields.currentPassword')}
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(event) => setCurrentPassword(event.target.value)}
            error={errors.currentPassword}
          />
          <Field
            label={t('fields.newPassword')}
            hint={t('fields.passwordHint', { count: PASSWORD_MIN_LENGTH })}
            type="password"
            autoComplete="new-password"
            value={newPassword}
            onChange={(event) => setNewPassword(event.target.value)}
            error={errors.newPassword}
          />
          <button type="submit" className="primary" disabled={change.isPending}>
            {t('account.changePasswordSubmit')}
          </button>
        </form>
      </section>
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t('account.sessions')}</h2>
        <ErrorNotice error={sessions.error ?? revoke.error} />
        <table>
          <caption className="visually-hidden">{t('account.sessions')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('account.device')}</th>
              <th scope="col">{t('account.lastSeen')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.data?.items.map((session) => (
              <tr key={session.id}>
                <td>{session.userAgent ?? t('account.unknownDevice')}</td>
                <td>{formatDate(session.lastSeenAt, i18n.language)}</td>
                <td>
                  {session.current ? (
                    <span className="badge">{t('account.thisSession')}</span>
                  ) : (
                    <button type="button" className="secondary" onClick={() => revoke.mutate(session.id)}>
                      {t('account.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
