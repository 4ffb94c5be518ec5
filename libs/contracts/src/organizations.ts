import { z } from 'zod';

import { Id } from './common';

export const OrganizationKind = z.enum(['mrc', 'coordination', 'ministry', 'health', 'community']);
export type OrganizationKind = z.infer<typeof OrganizationKind>;

export const OrganizationSummary = z
  .object({ id: Id, slug: z.string(), name: z.string(), shortName: z.string(), kind: OrganizationKind })
  .meta({ id: 'OrganizationSummary' });
export type OrganizationSummary = z.infer<typeof OrganizationSummary>;

export const Organization = OrganizationSummary.extend({
  mrcCode: z.string().nullable(),
  seat: z.string().nullable(),
  municipalities: z.array(z.string()),
}).meta({ id: 'Organization' });
export type Organization = z.infer<typeof Organization>;

export const OrganizationList = z.object({ items: z.array(Organization) });
export type OrganizationList = z.infer<typeof OrganizationList>;
