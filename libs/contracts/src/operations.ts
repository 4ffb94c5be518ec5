import { z } from 'zod';

import { IsoDateTime } from './common';

export const ServiceStatus = z.enum(['up', 'down']);

export const Health = z
  .object({
    status: z.enum(['ok', 'degraded']),
    database: z.object({ status: ServiceStatus }),
    search: z.object({ status: ServiceStatus }),
    outbox: z.object({ pending: z.number().int(), failing: z.number().int(), oldestPendingAt: IsoDateTime.nullable() }),
  })
  .meta({ id: 'Health' });
export type Health = z.infer<typeof Health>;

export const DevMailSummary = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  sentAt: IsoDateTime,
});
export type DevMailSummary = z.infer<typeof DevMailSummary>;

export const DevMail = DevMailSummary.extend({
  text: z.string(),
  html: z.string().nullable(),
  headers: z.record(z.string(), z.string()).optional(),
});
export type DevMail = z.infer<typeof DevMail>;

export const DevMailList = z.object({ items: z.array(DevMailSummary) });
export type DevMailList = z.infer<typeof DevMailList>;

export const DevMailParam = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/) });
