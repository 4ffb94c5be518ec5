import { type Organization, organizationRoutes, spaceRoutes } from '@maillage/contracts';
import { useQuery } from '@tanstack/react-query';

import { call } from './client';

/** The spaces I may see, shared by every page that lists or filters by space. */
export const useSpaces = () => useQuery({ queryKey: ['spaces'], queryFn: () => call(spaceRoutes.list) });

export const useOrganizations = () =>
  useQuery({ queryKey: ['organizations'], queryFn: () => call(organizationRoutes.list) });

/** The eight MRC, from their organizations: code, name and municipalities. */
export function useMrcs(): (Organization & { mrcCode: string })[] {
  const organizations = useOrganizations();
  return (organizations.data?.items ?? []).filter(
    (organization): organization is Organization & { mrcCode: string } => organization.mrcCode !== null,
  );
}
