import type { ContactVisibility } from '@maillage/contracts';

import type { Viewer } from './viewer';

export interface ContactDetails {
  id: string;
  email: string;
  phone: string;
  emailVisibility: ContactVisibility;
  phoneVisibility: ContactVisibility;
}

/**
 * The one rule for a person's contact details in any answer: the member themselves and administrators see them; other
 * members see each only if the member shows it to members. Null stands for hidden (or, for a phone, none given).
 */
export function visibleContact(viewer: Viewer, person: ContactDetails): { email: string | null; phone: string | null } {
  const everything = viewer.id === person.id || viewer.role === 'admin';
  const shows = (visibility: ContactVisibility) => everything || visibility === 'members';
  return {
    email: shows(person.emailVisibility) ? person.email : null,
    phone: person.phone && shows(person.phoneVisibility) ? person.phone : null,
  };
}
