import { authRoutes, type Me } from '@maillage/contracts';
import { useQuery } from '@tanstack/react-query';

import { ApiError, call } from './client';

export const meQueryKey = ['me'] as const;

/** The signed-in member, or null when nobody is signed in. */
export function useMe() {
  return useQuery<Me | null>({
    queryKey: meQueryKey,
    queryFn: async () => {
      try {
        return await call(authRoutes.me);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export const isStaff = (me: Pick<Me, 'role'> | null | undefined) => me?.role === 'admin' || me?.role === 'moderator';
