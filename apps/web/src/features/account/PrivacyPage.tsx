import { peopleRoutes } from '@maillage/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { call, urlOf } from '../../api/client';
import { meQueryKey } from '../../api/use-me';
import { ErrorNotice, Field, fieldErrorsOf, PageTitle } from '../../app/ui';

/** My rights over my personal data (Québec's Law 25): a copy of all of it, and erasing my account. */
export function PrivacyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const erase = useMutation({
    mutationFn: () =>
      call(peopleRoutes.deleteMyAccount, { body: { password, confirmation: confirmation as 'SUPPRIMER' } }),
    onSuccess: () => {
      queryClient.setQueryData(meQueryKey, null);
      void navigate('/connexion?compte=supprime');
    },
  });
  const errors = fieldErrorsOf(erase.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    erase.mutate();
  };
  return (
    <>
      <PageTitle title={t('privacy.title')}>{t('privacy.title')}</PageTitle>
      <p className="lead">{t('privacy.about')}</p>
      <section aria-labelledby="export-heading" className="narrow">
        <h2 id="export-heading">{t('privacy.exportTitle')}</h2>
        <p>{t('privacy.exportAbout')}</p>
        <a className="button primary" href={urlOf(peopleRoutes.exportMyData, {})} download>
          {t('privacy.export')}
        </a>
      </section>
      <section aria-labelledby="erase-heading" className="narrow">
        <h2 id="erase-heading">{t('privacy.eraseTitle')}</h2>
        <p>{t('privacy.eraseAbout')}</p>
        <form onSubmit={submit} noValidate>
          <Field
            label={t('fields.currentPassword')}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={errors['body.password']}
          />
          <Field
            label={t('privacy.confirm')}
            hint={t('privacy.confirmHint')}
            value={confirmation}
            onChange={(event) => setConfirmation(event.target.value)}
            error={errors['body.confirmation']}
          />
          <ErrorNotice error={erase.error} />
          <button type="submit" className="danger" disabled={erase.isPending}>
            {t('privacy.erase')}
          </button>
        </form>
      </section>
    </>
  );
}
