import { z } from 'zod';

import { Id, IsoDateTime } from './common';
import { PersonRef } from './forums';

export const NotificationKind = z.enum([
  'mention',
  'reply',
  'watched-topic',
  'watched-space',
  'event-reminder-24h',
  'event-reminder-1h',
  'event-seat-granted',
  'event-cancelled',
  'direct-message',
  'invitation-accepted',
  'moderation',
]);
export type NotificationKind = z.infer<typeof NotificationKind>;

/**
 * How a member hears of one kind: in the app only; also by email at once; also in the daily digest; or not at all
 * (nothing is stored).
 */
export const NotificationDelivery = z.enum(['in-app', 'email', 'digest', 'off']);
export type NotificationDelivery = z.infer<typeof NotificationDelivery>;

/** What a member who chose nothing gets: what is addressed to them personally by email, the rest in the digest. */
export const NOTIFICATION_DEFAULTS: Record<NotificationKind, NotificationDelivery> = {
  mention: 'email',
  reply: 'digest',
  'watched-topic': 'digest',
  'watched-space': 'digest',
  'event-reminder-24h': 'email',
  'event-reminder-1h': 'in-app',
  'event-seat-granted': 'email',
  'event-cancelled': 'email',
  'direct-message': 'email',
  'invitation-accepted': 'in-app',
  moderation: 'in-app',
};

export const NotificationPreferences = z
  .object({
    kinds: z.array(z.object({ kind: NotificationKind, delivery: NotificationDelivery })),
    /** The hour (America/Toronto) the daily digest leaves, when there is anything in it. */
    digestHour: z.number().int().min(0).max(23),
  })
  .meta({ id: 'NotificationPreferences' });
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

export const UpdateNotificationPreferences = z
  .strictObject({
    kinds: z
      .array(z.strictObject({ kind: NotificationKind, delivery: NotificationDelivery }))
      .max(NotificationKind.options.length),
    digestHour: z.number().int().min(0).max(23),
  })
  .meta({ id: 'UpdateNotificationPreferences' });
export type UpdateNotificationPreferences = z.infer<typeof UpdateNotificationPreferences>;

/** What one unsubscribe link stops: one kind's emails, or the digest. */
export const UnsubscribeTarget = z.union([NotificationKind, z.literal('digest')]);
export type UnsubscribeTarget = z.infer<typeof UnsubscribeTarget>;

export const UnsubscribeParam = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_.-]{20,300}$/) });

export const UnsubscribeResult = z.object({ stopped: UnsubscribeTarget }).meta({ id: 'UnsubscribeResult' });
export type UnsubscribeResult = z.infer<typeof UnsubscribeResult>;

export const Notification = z
  .object({
    id: Id,
    kind: NotificationKind,
    actor: PersonRef,
    topicId: Id.nullable(),
    postNumber: z.number().int().nullable(),
    /** What the notification is about, by its title: a topic's or an event's. */
    subject: z.string(),
    /** Where it leads, for what is not a forum post. */
    url: z.string().nullable(),
    createdAt: IsoDateTime,
    read: z.boolean(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof Notification>;

export const NotificationPage = z.object({
  items: z.array(Notification),
  unreadCount: z.number().int(),
  nextCursor: z.string().nullable(),
});
export type NotificationPage = z.infer<typeof NotificationPage>;

export const NotificationListQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: z.string().max(300).optional(),
});

export const MarkNotificationsReadRequest = z
  .strictObject({ ids: z.array(Id).max(200).optional(), all: z.literal(true).optional() })
  .refine((value) => value.ids !== undefined || value.all === true, 'Donnez `ids` ou `all: true`')
  .meta({ id: 'MarkNotificationsReadRequest' });
