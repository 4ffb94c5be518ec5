import type { Role } from '@maillage/contracts';

/** The signed-in member a request acts for, as resolved from the session cookie. */
export interface Viewer {
  id: string;
  role: Role;
  sessionId: string;
}

export const isStaff = (viewer: Pick<Viewer, 'role'>) => viewer.role === 'admin' || viewer.role === 'moderator';
