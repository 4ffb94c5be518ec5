import { z } from 'zod';

import { Id, IsoDateTime } from './common';
import { PersonRef } from './forums';

/** The administrative actions the audit log keeps. */
export const AuditAction = z.enum([
  'invitation.created',
  'invitation.revoked',
  'member.role-changed',
  'member.deactivated',
  'member.reactivated',
  'member.deleted',
  'space.member-added',
  'space.member-removed',
  'post.hidden',
  'post.restored',
  'flags.dismissed',
]);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditEntry = z
  .object({
    id: Id,
    action: AuditAction,
    actor: PersonRef,
    /** What the action was about, as the log shows it ("Comité directeur", "invitation à a@b.c"). */
    target: z.string(),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z
  .object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() })
  .meta({ id: 'AuditPage' });
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditQuery = z.strictObject({
  action: AuditAction.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
});
