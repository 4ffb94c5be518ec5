import { z } from 'zod';

import { Id, IsoDateTime, text, uniqueList } from './common';
import { PersonRef, Tag } from './forums';
import { MrcCode, oneOrMany } from './search';

export const ResourceKind = z.enum([
  'guide',
  'outil',
  'gabarit',
  'rapport',
  'politique',
  'portrait',
  'formation',
  'autre',
]);
export type ResourceKind = z.infer<typeof ResourceKind>;

/** An uploaded document, a link to a page elsewhere, or an online tool. */
export const ResourceFormat = z.enum(['file', 'link', 'tool']);
export type ResourceFormat = z.infer<typeof ResourceFormat>;

export const ResourceLanguage = z.enum(['fr', 'en']);

/** Where the text of a version stands: read for search, failed with a reason, or not read (images, links). */
export const ExtractionStatus = z.enum(['pending', 'done', 'failed', 'none']);
export type ExtractionStatus = z.infer<typeof ExtractionStatus>;

const metadataFields = {
  title: text(3, 200),
  summary: z.string().trim().max(20_000),
  kind: ResourceKind,
  volet: z.number().int().min(1).max(4).nullable(),
  /** The MRC territories concerned; none for the whole region. */
  mrcCodes: uniqueList(MrcCode, 8),
  themes: uniqueList(z.string().trim().min(2).max(60), 8),
  tags: uniqueList(Tag, 8),
  language: ResourceLanguage,
  organizationId: Id.nullable(),
};

/** What describes a resource; sent as JSON, or as the `metadata` part of an upload. */
export const ResourceMetadata = z
  .strictObject({
    spaceId: Id,
    ...metadataFields,
    summary: metadataFields.summary.default(''),
    volet: metadataFields.volet.default(null),
    mrcCodes: metadataFields.mrcCodes.default([]),
    themes: metadataFields.themes.default([]),
    tags: metadataFields.tags.default([]),
    language: metadataFields.language.default('fr'),
    organizationId: metadataFields.organizationId.optional(),
  })
  .meta({ id: 'ResourceMetadata' });
export type ResourceMetadata = z.input<typeof ResourceMetadata>;

export const CreateLinkRequest = ResourceMetadata.extend({
  format: z.enum(['link', 'tool']),
  url: z.url({ protocol: /^https?$/ }).max(2000),
}).meta({ id: 'CreateLinkRequest' });
export type CreateLinkRequest = z.input<typeof CreateLinkRequest>;

export const UpdateResourceRequest = z
  .strictObject({ spaceId: Id, url: z.url({ protocol: /^https?$/ }).max(2000), ...metadataFields })
  .partial()
  .refine((value) => Object.keys(value).length > 0, 'Aucun champ à modifier')
  .meta({ id: 'UpdateResourceRequest' });
export type UpdateResourceRequest = z.input<typeof UpdateResourceRequest>;

export const ResourceVersion = z
  .object({
    number: z.number().int(),
    fileName: z.string(),
    mimeType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    changeNote: z.string(),
    author: PersonRef,
    createdAt: IsoDateTime,
    extraction: ExtractionStatus,
    extractionFailure: z.string().nullable(),
  })
  .meta({ id: 'ResourceVersion' });
export type ResourceVersion = z.infer<typeof ResourceVersion>;

export const ResourceSummary = z
  .object({
    id: Id,
    format: ResourceFormat,
    title: z.string(),
    kind: ResourceKind,
    volet: z.number().int().nullable(),
    mrcCodes: z.array(z.string()),
    tags: z.array(z.string()),
    themes: z.array(z.string()),
    language: ResourceLanguage,
    spaceId: Id,
    spaceName: z.string(),
    organizationName: z.string().nullable(),
    author: PersonRef,
    /** The current version's file, for a document. */
    fileName: z.string().nullable(),
    mimeType: z.string().nullable(),
    sizeBytes: z.number().int().nullable(),
    url: z.string().nullable(),
    downloadCount: z.number().int(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'ResourceSummary' });
export type ResourceSummary = z.infer<typeof ResourceSummary>;

export const ResourcePage = z
  .object({ items: z.array(ResourceSummary), nextCursor: z.string().nullable() })
  .meta({ id: 'ResourcePage' });
export type ResourcePage = z.infer<typeof ResourcePage>;

export const ResourceListQuery = z.strictObject({
  kind: oneOrMany(ResourceKind),
  volet: oneOrMany(z.coerce.number().int().min(1).max(4)),
  mrc: MrcCode.optional(),
  tag: Tag.optional(),
  space: Id.optional(),
  sort: z.enum(['recent', 'popular']).default('recent'),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: z.string().max(300).optional(),
});
export type ResourceListQuery = z.input<typeof ResourceListQuery>;

export const ResourceFacetsQuery = ResourceListQuery.omit({ sort: true, limit: true, cursor: true });
export type ResourceFacetsQuery = z.input<typeof ResourceFacetsQuery>;

const FacetCount = z.object({ value: z.string(), count: z.number().int() });

/**
 * How many resources each kind, volet and MRC would show with the other filters kept: the counts beside the filters
 * of the library page.
 */
export const ResourceFacets = z
  .object({ kind: z.array(FacetCount), volet: z.array(FacetCount), mrc: z.array(FacetCount) })
  .meta({ id: 'ResourceFacets' });
export type ResourceFacets = z.infer<typeof ResourceFacets>;

export const Resource = ResourceSummary.extend({
  summary: z.string(),
  /** Sanitized HTML rendered by the server from `summary`. */
  summaryHtml: z.string(),
  organizationId: Id.nullable(),
  /** The beginning of the current version's text, as read for search. */
  excerpt: z.string().nullable(),
  versions: z.array(ResourceVersion),
  discussionTopicId: Id.nullable(),
  canEdit: z.boolean(),
}).meta({ id: 'Resource' });
export type Resource = z.infer<typeof Resource>;

/** What an upload answers: the resource, and whether the same file was already in the space (then nothing was added). */
export const UploadResult = z.object({ resource: Resource, duplicate: z.boolean() }).meta({ id: 'UploadResult' });
export type UploadResult = z.infer<typeof UploadResult>;

export const VersionParams = z.strictObject({ id: Id, number: z.coerce.number().int().min(1) });

export const DiscussionResult = z.object({ topicId: Id }).meta({ id: 'DiscussionResult' });
export type DiscussionResult = z.infer<typeof DiscussionResult>;

/** The file types a library accepts, decided by content; the extension only tells Markdown from plain text. */
export const ACCEPTED_FILE_TYPES = 'PDF, DOCX, XLSX, PPTX, ODT, ODS, TXT, MD, PNG, JPEG';
