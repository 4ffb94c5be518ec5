import { spaceRoutes } from '@maillage/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';

import { call } from '../api/client';
import { ErrorNotice, Loading, PageTitle } from '../app/ui';
import { SpaceForum } from '../features/forums/SpaceForum';

export function SpacePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const space = useQuery({ queryKey: ['space', id], queryFn: () => call(spaceRoutes.get, { params: { id } }) });
  const members = useQuery({
    queryKey: ['space', id, 'members'],
    queryFn: () => call(spaceRoutes.listMembers, { params: { id } }),
  });
  if (space.isPending) return <Loading />;
  if (space.isError) return <ErrorNotice error={space.error} />;
  return (
    <>
      <PageTitle title={space.data.name}>{space.data.name}</PageTitle>
      <p>
        <span className="badge">{t(space.data.visibility === 'private' ? 'spaces.private' : 'spaces.network')}</span>
      </p>
      <p className="lead">{space.data.description}</p>
      <SpaceForum spaceId={space.data.id} spaceName={space.data.name} />
      {(space.data.visibility === 'private' || (members.data?.items.length ?? 0) > 0) && (
        <section aria-labelledby="members-heading">
          <h2 id="members-heading">{t('spaces.members', { count: members.data?.items.length ?? 0 })}</h2>
          <ul className="member-list">
            {members.data?.items.map((member) => (
              <li key={member.userId}>
                {member.displayName}
                {member.organization && <span className="muted"> — {member.organization.shortName}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
