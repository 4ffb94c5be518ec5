import { z } from 'zod';

export const Id = z.uuid().meta({ description: 'UUIDv7' });
export type Id = z.infer<typeof Id>;

export const IsoDateTime = z.iso.datetime({ offset: true }).meta({ description: 'ISO 8601 with offset' });

export const Role = z.enum(['admin', 'moderator', 'member']);
export type Role = z.infer<typeof Role>;

/** RFC 9457 problem details, the body of every error the api returns. */
export const ProblemDetails = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'ProblemDetails' });
export type ProblemDetails = z.infer<typeof ProblemDetails>;

/** Trimmed text that must keep at least `min` characters once trimmed. */
export const text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const IdParam = z.strictObject({ id: Id });

/** A list of at most `max` items, each kept once. */
export const uniqueList = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .transform((values) => [...new Set(values)] as z.infer<T>[]);
