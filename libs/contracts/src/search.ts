import { z } from 'zod';

import { Id, IsoDateTime } from './common';
import { Tag } from './forums';

/** What search finds; each pillar adds its type as it lands (messages, resources, events). */
export const SearchType = z.enum(['topic', 'post', 'message', 'resource', 'event', 'person']);
export type SearchType = z.infer<typeof SearchType>;

export const MrcCode = z.string().regex(/^(0[7-9]|1[0-4])$/, 'Code de MRC de 07 à 14');

/** A query-string filter given once (`?type=topic`) or repeated (`?type=topic&type=post`). */
export const oneOrMany = <T extends z.ZodType>(schema: T) =>
  z
    .union([schema, z.array(schema).max(20)])
    .transform((value) => (Array.isArray(value) ? value : [value]) as z.infer<T>[])
    .optional();

const DateOnly = z.iso.date();

export const SearchQuery = z
  .strictObject({
    q: z.string().trim().max(200).default(''),
    type: oneOrMany(SearchType),
    space: oneOrMany(Id),
    mrc: oneOrMany(MrcCode),
    volet: oneOrMany(z.coerce.number().int().min(1).max(4)),
    tag: oneOrMany(Tag),
    organization: oneOrMany(Id),
    /** Inclusive calendar days, in America/Toronto. */
    from: DateOnly.optional(),
    to: DateOnly.optional(),
    sort: z.enum(['relevance', 'recent']).default('relevance'),
    limit: z.coerce.number().int().min(1).max(50).default(20),
    cursor: z
      .string()
      .regex(/^\d{1,4}$/, 'Curseur invalide')
      .optional(),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    path: ['to'],
    message: 'La date de fin précède la date de début',
  });
export type SearchQuery = z.input<typeof SearchQuery>;

/** Highlighted text as plain segments: the client shows matches without ever parsing HTML from the index. */
export const Snippet = z.array(z.object({ text: z.string(), match: z.boolean() })).meta({ id: 'Snippet' });
export type Snippet = z.infer<typeof Snippet>;

export const SearchHit = z
  .object({
    type: SearchType,
    id: Id,
    title: Snippet,
    excerpt: Snippet,
    /** Where the hit sits: the topic of a post, the organization of a person. */
    context: z.string(),
    url: z.string(),
    spaceName: z.string().nullable(),
    authorName: z.string().nullable(),
    tags: z.array(z.string()),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'SearchHit' });
export type SearchHit = z.infer<typeof SearchHit>;

export const FacetValue = z.object({ value: z.string(), label: z.string(), count: z.number().int() });
export type FacetValue = z.infer<typeof FacetValue>;

export const SearchFacets = z.object({
  type: z.array(FacetValue),
  space: z.array(FacetValue),
  mrc: z.array(FacetValue),
  volet: z.array(FacetValue),
  tag: z.array(FacetValue),
  organization: z.array(FacetValue),
});
export type SearchFacets = z.infer<typeof SearchFacets>;

export const SearchResults = z
  .object({
    items: z.array(SearchHit),
    nextCursor: z.string().nullable(),
    total: z.number().int(),
    facets: SearchFacets,
    processingTimeMs: z.number(),
  })
  .meta({ id: 'SearchResults' });
export type SearchResults = z.infer<typeof SearchResults>;

export const SuggestQuery = z.strictObject({ q: z.string().trim().min(1).max(200) });
export type SuggestQuery = z.input<typeof SuggestQuery>;

/** The search box's instant answer: a few hits of each type, titles highlighted; their excerpts are empty. */
export const SearchSuggestions = z
  .object({
    groups: z.array(z.object({ type: SearchType, total: z.number().int(), items: z.array(SearchHit) })),
  })
  .meta({ id: 'SearchSuggestions' });
export type SearchSuggestions = z.infer<typeof SearchSuggestions>;
