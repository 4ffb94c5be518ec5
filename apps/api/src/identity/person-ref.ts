import type { PersonRef } from '@maillage/contracts';

/** A member as other members' content names them, from a row's joined columns; null once the account is gone. */
export const personRef = (id: string | null, displayName: string | null, handle: string | null): PersonRef =>
  id && displayName ? { id, displayName, handle: handle ?? '' } : null;
