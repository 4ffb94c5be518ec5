import { invitationRoutes, PASSWORD_MIN_LENGTH } from '@maillage/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';

import { call } from '../../api/client';
import { meQueryKey } from '../../api/use-me';
import { ErrorNotice, Field, fieldErrorsOf, Loading, PageTitle } from '../../app/ui';

export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [mismatch, setMismatch] = useState(false);

  const preview = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => call(invitationRoutes.preview, { params: { token } }),
  });
  const accept = useMutation({
    mutationFn: () => call(invitationRoutes.accept, { params: { token }, body: { displayName, password } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      void navigate('/', { replace: true });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(password !== confirmation);
    if (password === confirmation) accept.mutate();
  };
  const errors = fieldErrorsOf(accept.error);

  return (
    <section className="narrow">
      <PageTitle title={t('invitation.title')}>{t('invitation.title')}</PageTitle>
      {preview.isPending && <Loading />}
      <ErrorNotice error={preview.error} />
      {preview.data && (
        <>
          <p>{t('invitation.intro', { organization: preview.data.organization.name })}</p>
          <p>
            {t('invitation.email')} <strong>{preview.data.email}</strong>
          </p>
          <ErrorNotice error={accept.error} />
          <form onSubmit={submit} noValidate>
            <Field
              label={t('fields.displayName')}
              autoComplete="name"
              required
              value={displayName}
              onChange={(event) => setDisplayName(event.target.value)}
              error={errors.displayName}
            />
            <Field
              label={t('fields.newPassword')}
              hint={t('fields.passwordHint', { count: PASSWORD_MIN_LENGTH })}
              type="password"
              autoComplete="new-password"
              required
              minLength={PASSWORD_MIN_LENGTH}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              error={errors.password}
            />
            <Field
              label={t('fields.confirmPassword')}
              type="password"
              autoComplete="new-password"
              required
              value={confirmation}
              onChange={(event) => setConfirmation(event.target.value)}
              error={mismatch ? t('invitation.mismatch') : undefined}
            />
            <button type="submit" className="primary" disabled={accept.isPending}>
              {t('invitation.submit')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
