import { peopleRoutes } from '@maillage/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

import { call } from '../../api/client';
import { useMe } from '../../api/use-me';
import { useMrcs } from '../../api/use-network';
import { ErrorNotice, Loading, PageTitle } from '../../app/ui';
import { Avatar } from './Avatar';
import { WriteMessageButton } from './WriteMessageButton';

/** A member's page: who they are, where and on what they work, how to reach them. */
export function ProfilePage() {
  const { handle = '' } = useParams();
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const mrcs = useMrcs();
  const profile = useQuery({
    queryKey: ['profile', handle],
    queryFn: () => call(peopleRoutes.profile, { params: { handle } }),
  });
  if (profile.isPending) return <Loading />;
  if (!profile.data) return <ErrorNotice error={profile.error} />;
  const person = profile.data;
  const mine = me?.id === person.id;
  const languages = new Intl.DisplayNames([i18n.language], { type: 'language' });
  const languageName = (code: string) => {
    try {
      return languages.of(code) ?? code;
    } catch {
      return code;
    }
  };

  return (
    <article className="profile">
      <div className="profile-header">
        <Avatar url={person.avatarUrl} name={person.displayName} size={128} />
        <div>
          <PageTitle title={person.displayName}>{person.displayName}</PageTitle>
          {person.title && <p className="lead">{person.title}</p>}
          {person.organization && (
            <p>
              <Link to={`/organisations/${person.organization.slug}`}>{person.organization.name}</Link>
            </p>
          )}
          <div className="actions">
            {mine ? (
              <Link className="button secondary" to="/compte/profil">
                {t('people.edit')}
              </Link>
            ) : (
              <WriteMessageButton userId={person.id} name={person.displayName} />
            )}
          </div>
        </div>
      </div>
      {person.bio && <p className="profile-bio">{person.bio}</p>}
      <dl className="facts">
        {person.mrcCodes.length > 0 && (
          <>
            <dt>{t('people.serves')}</dt>
            <dd>{person.mrcCodes.map((code) => mrcs.find((mrc) => mrc.mrcCode === code)?.name ?? code).join(', ')}</dd>
          </>
        )}
        {person.themes.length + person.tags.length > 0 && (
          <>
            <dt>{t('people.themes')}</dt>
            <dd>{[...person.themes, ...person.tags].join(', ')}</dd>
          </>
        )}
        <dt>{t('people.languages')}</dt>
        <dd>{person.languages.map(languageName).join(', ')}</dd>
        {person.email && (
          <>
            <dt>{t('people.email')}</dt>
            <dd>
              <a href={`mailto:${person.email}`}>{person.email}</a>
            </dd>
          </>
        )}
        {person.phone && (
          <>
            <dt>{t('people.phone')}</dt>
            <dd>
              <a href={`tel:${person.phone.replace(/[^0-9+]/g, '')}`}>{person.phone}</a>
            </dd>
          </>
        )}
        <dt>{t('people.memberSince')}</dt>
        <dd>{new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(new Date(person.memberSince))}</dd>
      </dl>
    </article>
  );
}
