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
]);
export type NotificationKind = z.infer<typeof NotificationKind>;

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
