import { invitationRoutes, organizationRoutes, type Role } from '@maillage/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { call } from '../../api/client';
import { useMe } from '../../api/use-me';
import { ErrorNotice, Field, fieldErrorsOf, SelectField } from '../../app/ui';
import { formatDate } from './format';

export function InvitationsPanel() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [sentTo, setSentTo] = useState<string>();

  const organizations = useQuery({ queryKey: ['organizations'], queryFn: () => call(organizationRoutes.list) });
  const invitations = useQuery({ queryKey: ['invitations'], queryFn: () => call(invitationRoutes.list) });
  const invite = useMutation({
    mutationFn: () => call(invitationRoutes.create, { body: { email, organizationId, role } }),
    onSuccess: (invitation) => {
      setSentTo(invitation.email);
      setEmail('');
      void queryClient.invalidateQueries({ queryKey: ['invitations'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => call(invitationRoutes.revoke, { params: { id } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['invitations'] }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSentTo(undefined);
    invite.mutate();
  };
  const errors = fieldErrorsOf(invite.error);

  return (
    <section aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t('admin.invite.title')}</h2>
      <p>{t('admin.invite.intro')}</p>
      <ErrorNotice error={invite.error} />
      {sentTo && (
        <p className="notice notice-success" role="status">
          {t('admin.invite.sent', { email: sentTo })}
        </p>
      )}
      <form onSubmit={submit} noValidate className="inline-form">
        <Field
          label={t('fields.email')}
          type="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.email}
        />
        <SelectField
          label={t('fields.organization')}
          required
          value={organizationId}
          onChange={(event) => setOrganizationId(event.target.value)}
          error={errors.organizationId}
        >
          <option value="">{t('admin.invite.chooseOrganization')}</option>
          {organizations.data?.items.map((organization) => (
            <option key={organization.id} value={organization.id}>
              {organization.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('fields.role')}
          value={role}
          onChange={(event) => setRole(event.target.value as Role)}
          error={errors.role}
        >
          <option value="member">{t('roles.member')}</option>
          {me?.role === 'admin' && <option value="moderator">{t('roles.moderator')}</option>}
          {me?.role === 'admin' && <option value="admin">{t('roles.admin')}</option>}
        </SelectField>
        <button type="submit" className="primary" disabled={invite.isPending}>
          {t('admin.invite.submit')}
        </button>
      </form>

      <h2>{t('admin.invite.sentList')}</h2>
      <ErrorNotice error={invitations.error ?? revoke.error} />
      <table>
        <caption className="visually-hidden">{t('admin.invite.sentList')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('fields.email')}</th>
            <th scope="col">{t('fields.organization')}</th>
            <th scope="col">{t('fields.role')}</th>
            <th scope="col">{t('admin.invite.status')}</th>
            <th scope="col">{t('admin.invite.expires')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {invitations.data?.items.map((invitation) => (
            <tr key={invitation.id}>
              <td>{invitation.email}</td>
              <td>{invitation.organization.shortName}</td>
              <td>{t(`roles.${invitation.role}`)}</td>
              <td>{t(`admin.invite.statuses.${invitation.status}`)}</td>
              <td>{formatDate(invitation.expiresAt, i18n.language)}</td>
              <td>
                {invitation.status === 'pending' && (
                  <button type="button" className="secondary" onClick={() => revoke.mutate(invitation.id)}>
                    {t('admin.invite.revoke')}
                    <span className="visually-hidden"> {invitation.email}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
