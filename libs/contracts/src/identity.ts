import { z } from 'zod';

import { Id, IsoDateTime, Role, text } from './common';
import { OrganizationSummary } from './organizations';
import { SpaceKind, SpaceVisibility } from './spaces';

export const PASSWORD_MIN_LENGTH = 10;
export const Password = z.string().min(PASSWORD_MIN_LENGTH).max(200);
const Email = z
  .email()
  .max(254)
  .transform((email) => email.toLowerCase());

export const LoginRequest = z
  .strictObject({ email: z.string().trim().toLowerCase().min(3).max(254), password: z.string().min(1).max(200) })
  .meta({ id: 'LoginRequest' });
export type LoginRequest = z.infer<typeof LoginRequest>;

export const MySpace = z.object({
  id: Id,
  slug: z.string(),
  name: z.string(),
  visibility: SpaceVisibility,
  kind: SpaceKind,
});

export const Me = z
  .object({
    id: Id,
    email: z.string(),
    displayName: z.string(),
    handle: z.string(),
    title: z.string(),
    role: Role,
    organization: OrganizationSummary.nullable(),
    spaces: z.array(MySpace),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const CreateInvitationRequest = z
  .strictObject({ email: Email, organizationId: Id, role: Role.default('member') })
  .meta({ id: 'CreateInvitationRequest' });
export type CreateInvitationRequest = z.input<typeof CreateInvitationRequest>;

export const InvitationStatus = z.enum(['pending', 'accepted', 'expired', 'revoked']);
export type InvitationStatus = z.infer<typeof InvitationStatus>;

export const Invitation = z
  .object({
    id: Id,
    email: z.string(),
    role: Role,
    organization: OrganizationSummary,
    status: InvitationStatus,
    invitedBy: z.string(),
    createdAt: IsoDateTime,
    expiresAt: IsoDateTime,
  })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof Invitation>;

export const InvitationList = z.object({ items: z.array(Invitation) });
export type InvitationList = z.infer<typeof InvitationList>;

/** What the person following an invitation link is shown before choosing a password. */
export const InvitationPreview = z
  .object({ email: z.string(), role: Role, organization: OrganizationSummary, expiresAt: IsoDateTime })
  .meta({ id: 'InvitationPreview' });
export type InvitationPreview = z.infer<typeof InvitationPreview>;

export const InvitationTokenParam = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });

export const AcceptInvitationRequest = z
  .strictObject({ displayName: text(2, 80), password: Password })
  .meta({ id: 'AcceptInvitationRequest' });
export type AcceptInvitationRequest = z.infer<typeof AcceptInvitationRequest>;

export const Session = z
  .object({
    id: Id,
    userAgent: z.string().nullable(),
    createdAt: IsoDateTime,
    lastSeenAt: IsoDateTime,
    expiresAt: IsoDateTime,
    current: z.boolean(),
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof Session>;

export const SessionList = z.object({ items: z.array(Session) });
export type SessionList = z.infer<typeof SessionList>;

export const ChangePasswordRequest = z
  .strictObject({ currentPassword: z.string().min(1).max(200), newPassword: Password })
  .refine((value) => value.currentPassword !== value.newPassword, {
    path: ['newPassword'],
    message: 'Le nouveau mot de passe doit différer de l’actuel',
  })
  .meta({ id: 'ChangePasswordRequest' });
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

/** "deleted": the member erased their account (Law 25); its content stays, signed "Ancien membre". */
export const MemberStatus = z.enum(['active', 'deactivated', 'deleted']);
export type MemberStatus = z.infer<typeof MemberStatus>;

export const Member = z
  .object({
    id: Id,
    /** Null when its member hides it from the viewer (moderators see only what members see). */
    email: z.string().nullable(),
    displayName: z.string(),
    handle: z.string(),
    title: z.string(),
    role: Role,
    status: MemberStatus,
    organization: OrganizationSummary.nullable(),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'Member' });
export type Member = z.infer<typeof Member>;

export const MemberList = z.object({ items: z.array(Member), nextCursor: z.string().nullable() });
export type MemberList = z.infer<typeof MemberList>;

export const MemberListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});
export type MemberListQuery = z.infer<typeof MemberListQuery>;

export const UpdateMemberRequest = z
  .strictObject({ role: Role.optional(), status: MemberStatus.optional() })
  .refine((value) => value.role !== undefined || value.status !== undefined, 'Aucun champ à modifier')
  .meta({ id: 'UpdateMemberRequest' });
export type UpdateMemberRequest = z.infer<typeof UpdateMemberRequest>;
