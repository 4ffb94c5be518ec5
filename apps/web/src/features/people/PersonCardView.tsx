import type { PersonCard } from '@maillage/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useMe } from '../../api/use-me';
import { useMrcs } from '../../api/use-network';
import { Avatar } from './Avatar';
import { WriteMessageButton } from './WriteMessageButton';

/** A member in a list: who, where, on what, and how to reach them. */
export function PersonCardView({ person }: { person: PersonCard }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const mrcs = useMrcs();
  const mrcName = (code: string) => mrcs.find((mrc) => mrc.mrcCode === code)?.name ?? code;
  return (
    <article className="person-card">
      <Avatar url={person.avatarUrl} name={person.displayName} />
      <div>
        <h3>
          <Link to={`/membres/${person.handle}`}>{person.displayName}</Link>
        </h3>
        {person.title && <p>{person.title}</p>}
        {person.organization && (
          <p className="muted">
            <Link to={`/organisations/${person.organization.slug}`}>{person.organization.name}</Link>
          </p>
        )}
        {person.mrcCodes.length > 0 && (
          <p className="small">
            {t('people.serves')} {person.mrcCodes.map(mrcName).join(', ')}
          </p>
        )}
        {person.themes.length + person.tags.length > 0 && (
          <ul className="tags" aria-label={t('people.themes')}>
            {[...person.themes, ...person.tags].map((theme) => (
              <li key={theme} className="tag">
                {theme}
              </li>
            ))}
          </ul>
        )}
        <div className="actions">
          {me && me.id !== person.id && <WriteMessageButton userId={person.id} name={person.displayName} />}
          {person.email && <a href={`mailto:${person.email}`}>{person.email}</a>}
        </div>
      </div>
    </article>
  );
}
