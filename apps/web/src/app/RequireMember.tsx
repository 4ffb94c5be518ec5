import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';

import { useMe } from '../api/use-me';
import { ErrorNotice, Loading } from './ui';

/** Pages for members only: a visitor is sent to sign in, and brought back afterwards. */
export function RequireMember({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorNotice error={me.error} />;
  if (!me.data)
    return <Navigate to={`/connexion?suite=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return children;
}
