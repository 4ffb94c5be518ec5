import { peopleRoutes } from '@maillage/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

import { call } from '../../api/client';
import { ErrorNotice, Loading, PageTitle } from '../../app/ui';
import { PersonCardView } from './PersonCardView';

/** An organization: an MRC shows its seat, municipalities and agents; every one its spaces and recent activity. */
export function OrganizationPage() {
  const { slug = '' } = useParams();
  const { t, i18n } = useTranslation();
  const page = useQuery({
    queryKey: ['organization-page', slug],
    queryFn: () => call(peopleRoutes.organizationPage, { params: { slug } }),
  });
  if (page.isPending) return <Loading />;
  if (!page.data) return <ErrorNotice error={page.error} />;
  const { organization, members, spaces, recentActivity } = page.data;
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });

  return (
    <>
      <PageTitle title={organization.name}>{organization.name}</PageTitle>
      <p className="lead">{t(`organizations.kind.${organization.kind}`)}</p>
      {organization.mrcCode && (
        <dl className="facts">
          <dt>{t('organizations.seat')}</dt>
          <dd>{organization.seat}</dd>
          <dt>{t('organizations.municipalities')}</dt>
          <dd>{organization.municipalities.join(', ')}</dd>
        </dl>
      )}
      <section aria-labelledby="organization-members">
        <h2 id="organization-members">{t('organizations.members', { count: members.length })}</h2>
        {members.length === 0 ? (
          <p className="muted">{t('organizations.noMembers')}</p>
        ) : (
          <ul className="person-list">
            {members.map((person) => (
              <li key={person.id}>
                <PersonCardView person={person} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="organization-spaces">
        <h2 id="organization-spaces">{t('organizations.spaces')}</h2>
        {spaces.length === 0 ? (
          <p className="muted">{t('organizations.noSpaces')}</p>
        ) : (
          <ul>
            {spaces.map((space) => (
              <li key={space.id}>
                <Link to={`/espaces/${space.id}`}>{space.name}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="organization-activity">
        <h2 id="organization-activity">{t('organizations.activity')}</h2>
        {recentActivity.length === 0 ? (
          <p className="muted">{t('organizations.noActivity')}</p>
        ) : (
          <ul>
            {recentActivity.map((item) => (
              <li key={item.url}>
                <span className="badge">{t(`organizations.activityKind.${item.kind}`)}</span>{' '}
                <Link to={item.url}>{item.title}</Link>{' '}
                <span className="muted small">
                  {item.authorName ? `${item.authorName}, ` : ''}
                  {date.format(new Date(item.at))}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
