import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useMe } from '../api/use-me';
import { PageTitle } from '../app/ui';

export function HomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  const network = me.spaces.filter((space) => space.visibility === 'network');
  const privateSpaces = me.spaces.filter((space) => space.visibility === 'private');
  return (
    <>
      <PageTitle title={t('home.title')}>{t('home.greeting', { name: me.displayName })}</PageTitle>
      <p className="lead">{t('home.intro')}</p>
      <div className="columns">
        <section aria-labelledby="network-spaces">
          <h2 id="network-spaces">{t('home.networkSpaces')}</h2>
          <ul className="space-list">
            {network.map((space) => (
              <li key={space.id}>
                <Link to={`/espaces/${space.id}`}>{space.name}</Link>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="private-spaces">
          <h2 id="private-spaces">{t('home.privateSpaces')}</h2>
          {privateSpaces.length === 0 ? (
            <p>{t('home.noPrivateSpaces')}</p>
          ) : (
            <ul className="space-list">
              {privateSpaces.map((space) => (
                <li key={space.id}>
                  <Link to={`/espaces/${space.id}`}>{space.name}</Link>{' '}
                  <span className="badge">{t('spaces.private')}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
