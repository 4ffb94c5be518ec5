import { z } from 'zod';

import { Id, IsoDateTime, text } from './common';
import { OrganizationSummary } from './organizations';

export const SpaceVisibility = z.enum(['network', 'private']);
export type SpaceVisibility = z.infer<typeof SpaceVisibility>;

/** `direct` is the private space of a direct conversation: made by the chat, never listed among spaces. */
export const SpaceKind = z.enum(['regional', 'volet', 'committee', 'group', 'direct']);
export type SpaceKind = z.infer<typeof SpaceKind>;

const CreatableSpaceKind = z.enum(['regional', 'volet', 'committee', 'group']);

export const Space = z
  .object({
    id: Id,
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    visibility: SpaceVisibility,
    kind: SpaceKind,
    memberCount: z.number().int(),
    isMember: z.boolean(),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'Space' });
export type Space = z.infer<typeof Space>;

export const SpaceList = z.object({ items: z.array(Space) });
export type SpaceList = z.infer<typeof SpaceList>;

const slug = z
  .string()
  .min(2)
  .max(60)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Lettres minuscules, chiffres et traits d’union seulement');

export const CreateSpaceRequest = z
  .strictObject({
    name: text(2, 120),
    slug: slug.optional(),
    description: z.string().trim().max(2000).default(''),
    visibility: SpaceVisibility,
    kind: CreatableSpaceKind.default('group'),
  })
  .meta({ id: 'CreateSpaceRequest' });
export type CreateSpaceRequest = z.input<typeof CreateSpaceRequest>;

export const UpdateSpaceRequest = z
  .strictObject({
    name: text(2, 120).optional(),
    description: z.string().trim().max(2000).optional(),
    visibility: SpaceVisibility.optional(),
  })
  .refine((value) => Object.keys(value).length > 0, 'Aucun champ à modifier')
  .meta({ id: 'UpdateSpaceRequest' });
export type UpdateSpaceRequest = z.infer<typeof UpdateSpaceRequest>;

export const AddSpaceMemberRequest = z.strictObject({ userId: Id }).meta({ id: 'AddSpaceMemberRequest' });
export type AddSpaceMemberRequest = z.infer<typeof AddSpaceMemberRequest>;

export const SpaceMember = z
  .object({ userId: Id, displayName: z.string(), organization: OrganizationSummary.nullable(), addedAt: IsoDateTime })
  .meta({ id: 'SpaceMember' });
export type SpaceMember = z.infer<typeof SpaceMember>;

export const SpaceMemberList = z.object({ items: z.array(SpaceMember) });
export type SpaceMemberList = z.infer<typeof SpaceMemberList>;

export const SpaceMemberParams = z.strictObject({ id: Id, userId: Id });
