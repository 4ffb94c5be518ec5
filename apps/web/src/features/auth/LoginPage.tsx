import { authRoutes } from '@maillage/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';

import { call } from '../../api/client';
import { meQueryKey, useMe } from '../../api/use-me';
import { ErrorNotice, Field, fieldErrorsOf, PageTitle } from '../../app/ui';

/** Only paths inside the app, so that a crafted link cannot send a member elsewhere after sign-in. */
const safeNext = (value: string | null) => (value && value.startsWith('/') && !value.startsWith('//') ? value : '/');

export function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const next = safeNext(searchParams.get('suite'));

  const login = useMutation({
    mutationFn: () => call(authRoutes.login, { body: { email, password } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      void navigate(next, { replace: true });
    },
  });

  if (me.data) return <Navigate to={next} replace />;
  const errors = fieldErrorsOf(login.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate();
  };

  return (
    <section className="narrow">
      <PageTitle title={t('login.title')}>{t('login.title')}</PageTitle>
      <p>{t('login.intro')}</p>
      <ErrorNotice error={login.error} />
      <form onSubmit={submit} noValidate>
        <Field
          label={t('fields.email')}
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.email}
        />
        <Field
          label={t('fields.password')}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors.password}
        />
        <button type="submit" className="primary" disabled={login.isPending}>
          {login.isPending ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
      <p className="hint">{t('login.invitationOnly')}</p>
    </section>
  );
}
