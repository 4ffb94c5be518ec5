import type { Organization } from '@maillage/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useOrganizations } from '../../api/use-network';
import { ErrorNotice, Loading, PageTitle } from '../../app/ui';

/** The network's organizations, grouped by kind: the CRD, the 8 MRC, the health network, ministries, partners. */
export function OrganizationsPage() {
  const { t } = useTranslation();
  const organizations = useOrganizations();
  const items = organizations.data?.items ?? [];
  const kinds = [...new Set(items.map((organization) => organization.kind))];
  return (
    <>
      <PageTitle title={t('organizations.title')}>{t('organizations.title')}</PageTitle>
      {organizations.isPending && <Loading />}
      <ErrorNotice error={organizations.error} />
      {kinds.map((kind) => (
        <section key={kind} aria-labelledby={`kind-${kind}`}>
          <h2 id={`kind-${kind}`}>{t(`organizations.kinds.${kind}`)}</h2>
          <ul>
            {items
              .filter((organization: Organization) => organization.kind === kind)
              .map((organization) => (
                <li key={organization.id}>
                  <Link to={`/organisations/${organization.slug}`}>{organization.name}</Link>
                  {organization.seat && <span className="muted small"> — {organization.seat}</span>}
                </li>
              ))}
          </ul>
        </section>
      ))}
    </>
  );
}
