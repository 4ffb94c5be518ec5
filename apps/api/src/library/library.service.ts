import type { Readable } from 'node:stream';

import {
  type CreateLinkRequest,
  type Resource,
  type ResourceFacets,
  type ResourceFacetsQuery,
  type ResourceListQuery,
  ResourceMetadata,
  type ResourcePage,
  type ResourceSummary,
  type ResourceVersion,
  type UpdateResourceRequest,
  type UploadResult,
} from '@maillage/contracts';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';

import { decodeCursor, encodeCursor } from '../common/http/cursor';
import { validated } from '../common/http/endpoint';
import { conflict, forbidden, invalid, notFound } from '../common/http/problems';
import { LOGGER } from '../common/logger.provider';
import { renderMarkdown } from '../common/markdown/markdown';
import { newId } from '../database/ids';
import { PreparedStatements } from '../database/prepared-statements';
import { TopicsService } from '../forums/topics.service';
import { personRef } from '../identity/person-ref';
import { isStaff, type Viewer } from '../identity/viewer';
import { OutboxService } from '../outbox/outbox.service';
import { SearchEngine } from '../search/search-engine';
import { AccessPolicy } from '../spaces/access-policy';
import { FileStorage } from '../storage/file-storage';
import { facetCountRequests } from './library-facets';
import { LibrarySearchSync } from './library-search-sync';
import { TextExtractor } from './text-extractor';
import { type ReceivedFile, UploadReceiver } from './upload-receiver';

type ListInput = z.output<typeof ResourceListQuery>;
type FacetsInput = z.output<typeof ResourceFacetsQuery>;
type LinkInput = z.output<typeof CreateLinkRequest>;
type UpdateInput = z.output<typeof UpdateResourceRequest>;
type MetadataInput = z.output<typeof ResourceMetadata>;

/** The outbox kind that reads a version's text for search, in the background. */
export const LIBRARY_EXTRACT = 'library.extract';
const EXCERPT_CHARS = 600;

/** A resource as lists show it; `$1` is the viewer (for the access rule). */
const SUMMARY_COLUMNS = `r.id, r.format, r.title, r.kind, r.volet, r.mrc_codes AS "mrcCodes", r.tags, r.themes,
  r.language, r.space_id AS "spaceId", s.name AS "spaceName", o.name AS "organizationName",
  r.author_id AS "authorId", u.display_name AS "authorName", u.handle AS "authorHandle",
  v.file_name AS "fileName", v.mime_type AS "mimeType", v.size_bytes::float8 AS "sizeBytes", r.url,
  r.download_count AS "downloadCount", r.created_at AS "createdAt", r.updated_at AS "updatedAt"`;
const SUMMARY_JOINS = `FROM resources r
  JOIN spaces s ON s.id = r.space_id
  LEFT JOIN users u ON u.id = r.author_id
  LEFT JOIN organizations o ON o.id = r.organization_id
  LEFT JOIN resource_versions v ON v.resource_id = r.id AND v.number = r.current_version`;

interface SummaryRow extends Omit<ResourceSummary, 'author' | 'createdAt' | 'updatedAt'> {
  authorId: string | null;
  authorName: string | null;
  authorHandle: string | null;
  createdAt: Date;
  updatedAt: Date;
}

interface DetailRow extends SummaryRow {
  summary: string;
  organizationId: string | null;
  discussionTopicId: string | null;
  excerpt: string | null;
  excerptCut: boolean | null;
}

const presentSummary = ({ authorId, authorName, authorHandle, ...row }: SummaryRow): ResourceSummary => ({
  ...row,
  author: personRef(authorId, authorName, authorHandle),
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

const sortColumns = {
  recent: { column: 'r.created_at', key: 'createdAt' },
  popular: { column: 'r.download_count', key: 'downloadCount' },
} as const;

/**
 * The resource library: documents with versions, links and tools, read through the access policy. Uploads stream to
 * FileStorage; the text of each version is read in the background (outbox) for search and the excerpt.
 */
@Injectable()
export class LibraryService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly prepared: PreparedStatements,
    private readonly outbox: OutboxService,
    private readonly storage: FileStorage,
    private readonly receiver: UploadReceiver,
    private readonly extractor: TextExtractor,
    private readonly searchSync: LibrarySearchSync,
    private readonly topics: TopicsService,
    private readonly engine: SearchEngine,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.outbox.register(LIBRARY_EXTRACT, (payload) => this.extract(payload.versionId as string));
  }

  async list(viewer: Viewer, query: ListInput): Promise<ResourcePage> {
    const { column, key } = sortColumns[query.sort];
    const { values, filter: filtered } = this.filter(viewer, query);
    let filter = filtered;
    if (query.cursor) {
      const [value, id] = decodeCursor<[string | number, string]>(query.cursor, 2);
      values.push(value, id);
      filter += ` AND (${column}, r.id) < ($${values.length - 1}, $${values.length})`;
    }
    // A literal LIMIT (a validated integer), as for topic lists: a parameter misleads the generic plan.
    const rows = await this.prepared.rows<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} ${SUMMARY_JOINS} WHERE ${filter} ORDER BY ${column} DESC, r.id DESC LIMIT ${query.limit + 1}`,
      values,
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(presentSummary),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor([key === 'createdAt' ? last.createdAt.toISOString() : last.downloadCount, last.id])
          : null,
    };
  }

  /**
   * Counts per kind, volet and MRC, each under the other filters (choosing a kind does not hide the other kinds), from
   * the search index; counted in the database when Meilisearch does not answer.
   */
  async facets(viewer: Viewer, query: FacetsInput): Promise<ResourceFacets> {
    const visible = (await this.access.visibleSpaces(viewer)).map((space) => space.id);
    const requests = facetCountRequests(this.engine.contentIndex, visible, query);
    try {
      const { results } = await this.engine.client.multiSearch({ queries: requests.map((request) => request.query) });
      const counts = (index: number) =>
        Object.entries(results[index]?.facetDistribution?.[requests[index]!.facet] ?? {})
          .map(([value, count]) => ({ value, count }))
          .sort((a, b) => a.value.localeCompare(b.value));
      return { kind: counts(0), volet: counts(1), mrc: counts(2) };
    } catch (error) {
      this.logger.warn({ err: error }, 'facet counts from Meilisearch failed; counting in PostgreSQL');
      return this.countFacetsInDatabase(viewer, query);
    }
  }

  private async countFacetsInDatabase(viewer: Viewer, query: FacetsInput): Promise<ResourceFacets> {
    const count = (facet: 'kind' | 'volet' | 'mrc', valueSql: string, from: string) => {
      const { values, filter } = this.filter(viewer, { ...query, [facet]: undefined });
      return this.prepared.rows<{ value: string; count: number }>(
        `SELECT ${valueSql} AS value, count(*)::int AS count FROM ${from} WHERE ${filter}
         GROUP BY 1 HAVING ${valueSql} IS NOT NULL ORDER BY 1`,
        values,
      );
    };
    const [kind, volet, mrc] = await Promise.all([
      count('kind', 'r.kind', 'resources r'),
      count('volet', 'r.volet::text', 'resources r'),
      count('mrc', 'm.code', 'resources r CROSS JOIN LATERAL unnest(r.mrc_codes) AS m(code)'),
    ]);
    return { kind, volet, mrc };
  }

  async get(viewer: Viewer, resourceId: string): Promise<Resource> {
    const [row] = await this.prepared.rows<DetailRow>(
      `SELECT ${SUMMARY_COLUMNS}, r.summary, r.organization_id AS "organizationId",
         r.discussion_topic_id AS "discussionTopicId", left(v.extracted_text, ${EXCERPT_CHARS}) AS excerpt,
         length(v.extracted_text) > ${EXCERPT_CHARS} AS "excerptCut"
       ${SUMMARY_JOINS}
       WHERE r.id = $2 AND r.deleted_at IS NULL AND ${this.access.spaceConditionSql(viewer, 'r.space_id', '$1')}`,
      [viewer.id, resourceId],
    );
    if (!row) throw notFound();
    const { summary, organizationId, discussionTopicId, excerpt, excerptCut, ...summaryRow } = row;
    return {
      ...presentSummary(summaryRow),
      summary,
      summaryHtml: renderMarkdown(summary).html,
      organizationId,
      excerpt: excerpt ? `${excerpt.replace(/\s+/g, ' ').trim()}${excerptCut ? '…' : ''}` : null,
      versions: await this.versions(resourceId),
      discussionTopicId,
      canEdit: isStaff(viewer) || row.authorId === viewer.id,
    };
  }

  async createLink(viewer: Viewer, input: LinkInput): Promise<Resource> {
    await this.access.assertCanSeeSpace(viewer, input.spaceId);
    const id = newId();
    await this.dataSource.transaction(async (manager) => {
      await this.insertResource(manager, viewer, id, input, input.format, input.url);
      await this.searchSync.resource(manager, id);
    });
    return this.get(viewer, id);
  }

  /**
   * A new document from a multipart upload. The same content already in the space is not added again: the answer
   * points to the resource that holds it.
   */
  async upload(viewer: Viewer, request: Request): Promise<UploadResult> {
    const { fields, file } = await this.receiver.receive(request);
    const parse = () => this.parseMetadata(fields.metadata);
    return this.createDocument(viewer, parse, file);
  }

  /** A new document from a file on this machine (bulk import), checked exactly as an upload. */
  async importFile(viewer: Viewer, metadata: MetadataInput, path: string, fileName: string): Promise<UploadResult> {
    return this.createDocument(viewer, () => metadata, await this.receiver.receiveLocal(path, fileName));
  }

  private async createDocument(
    viewer: Viewer,
    metadataOf: () => MetadataInput,
    file: ReceivedFile,
  ): Promise<UploadResult> {
    let outcome: { id: string; duplicate: boolean };
    try {
      const metadata = metadataOf();
      await this.access.assertCanSeeSpace(viewer, metadata.spaceId);
      const [existing] = await this.dataSource.query(
        `SELECT r.id FROM resource_versions v JOIN resources r ON r.id = v.resource_id
         WHERE v.sha256 = $1 AND r.space_id = $2 AND r.deleted_at IS NULL LIMIT 1`,
        [file.sha256, metadata.spaceId],
      );
      if (existing) {
        outcome = { id: existing.id, duplicate: true };
      } else {
        outcome = { id: newId(), duplicate: false };
        await this.dataSource.transaction(async (manager) => {
          await this.insertResource(manager, viewer, outcome.id, metadata, 'file', null);
          await this.insertVersion(manager, viewer, outcome.id, 1, file, '');
          await this.searchSync.resource(manager, outcome.id);
        });
      }
    } catch (error) {
      await this.storage.remove(file.key);
      throw error;
    }
    if (outcome.duplicate) await this.storage.remove(file.key);
    return { resource: await this.get(viewer, outcome.id), duplicate: outcome.duplicate };
  }

  async addVersion(viewer: Viewer, resourceId: string, request: Request): Promise<ResourceVersion> {
    await this.editable(viewer, resourceId);
    const { fields, file } = await this.receiver.receive(request);
    let number: number;
    try {
      const changeNote = (fields.changeNote ?? '').trim();
      if (changeNote.length > 2000) throw invalid('body.changeNote', 'La note de version dépasse 2 000 caractères');
      number = await this.dataSource.transaction(async (manager) => {
        const [resource] = await manager.query(
          `SELECT r.format, r.current_version AS "currentVersion", v.sha256
           FROM resources r LEFT JOIN resource_versions v ON v.resource_id = r.id AND v.number = r.current_version
           WHERE r.id = $1 AND r.deleted_at IS NULL FOR UPDATE OF r`,
          [resourceId],
        );
        if (!resource) throw notFound();
        if (resource.format !== 'file') throw conflict('Un lien ou un outil n’a pas de versions de fichier.');
        if (resource.sha256 === file.sha256) throw conflict('Ce fichier est identique à la version actuelle.');
        const next = resource.currentVersion + 1;
        await this.insertVersion(manager, viewer, resourceId, next, file, changeNote);
        await manager.query('UPDATE resources SET current_version = $2, updated_at = now() WHERE id = $1', [
          resourceId,
          next,
        ]);
        await this.searchSync.resource(manager, resourceId);
        return next;
      });
    } catch (error) {
      await this.storage.remove(file.key);
      throw error;
    }
    return (await this.versions(resourceId)).find((version) => version.number === number)!;
  }

  async update(viewer: Viewer, resourceId: string, input: UpdateInput): Promise<Resource> {
    const current = await this.editable(viewer, resourceId);
    if (input.spaceId && input.spaceId !== current.spaceId) await this.access.assertCanSeeSpace(viewer, input.spaceId);
    if (input.url !== undefined && current.format === 'file') {
      throw invalid('body.url', 'Un document téléversé n’a pas d’adresse : ajoutez une version');
    }
    const columns: Record<keyof UpdateInput, string> = {
      spaceId: 'space_id',
      url: 'url',
      title: 'title',
      summary: 'summary',
      kind: 'kind',
      volet: 'volet',
      mrcCodes: 'mrc_codes',
      themes: 'themes',
      tags: 'tags',
      language: 'language',
      organizationId: 'organization_id',
    };
    const entries = Object.entries(input).filter(([, value]) => value !== undefined) as [keyof UpdateInput, unknown][];
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE resources SET ${entries.map(([key], index) => `${columns[key]} = $${index + 2}`).join(', ')},
           updated_at = now() WHERE id = $1`,
        [resourceId, ...entries.map(([, value]) => value)],
      );
      await this.searchSync.resource(manager, resourceId);
    });
    return this.get(viewer, resourceId);
  }

  /** Withdraws the resource from the library; its rows and files stay (nothing a member wrote is lost). */
  async remove(viewer: Viewer, resourceId: string): Promise<void> {
    await this.editable(viewer, resourceId);
    await this.dataSource.transaction(async (manager) => {
      await manager.query('UPDATE resources SET deleted_at = now() WHERE id = $1', [resourceId]);
      await this.searchSync.resource(manager, resourceId);
    });
  }

  /** A version's file to send, after the access check; counts the download. */
  async download(
    viewer: Viewer,
    resourceId: string,
    number?: number,
  ): Promise<{ fileName: string; mimeType: string; sizeBytes: number; stream: Readable }> {
    const [version] = await this.prepared.rows<{
      fileName: string;
      mimeType: string;
      sizeBytes: number;
      storageKey: string;
    }>(
      `SELECT v.file_name AS "fileName", v.mime_type AS "mimeType", v.size_bytes::float8 AS "sizeBytes",
         v.storage_key AS "storageKey"
       FROM resources r JOIN resource_versions v ON v.resource_id = r.id AND v.number = coalesce($3, r.current_version)
       WHERE r.id = $2 AND r.deleted_at IS NULL AND ${this.access.spaceConditionSql(viewer, 'r.space_id', '$1')}`,
      [viewer.id, resourceId, number ?? null],
    );
    if (!version) throw notFound();
    // The running total, and one row per download (by the downloader's organization, never by name) for the portrait.
    await this.dataSource.query(
      `WITH counted AS (UPDATE resources SET download_count = download_count + 1 WHERE id = $1 RETURNING id)
       INSERT INTO resource_downloads (id, resource_id, organization_id)
       SELECT $3, id, (SELECT organization_id FROM users WHERE id = $2) FROM counted`,
      [resourceId, viewer.id, newId()],
    );
    return { ...version, stream: this.storage.read(version.storageKey) };
  }

  /** The forum topic about the resource, opened in the resource's space by the first member who asks. */
  async discussion(viewer: Viewer, resourceId: string): Promise<{ topicId: string }> {
    const resource = await this.get(viewer, resourceId);
    if (resource.discussionTopicId && (await this.topics.canSeeTopic(viewer, resource.discussionTopicId))) {
      return { topicId: resource.discussionTopicId };
    }
    const topic = await this.topics.create(viewer, resource.spaceId, {
      title: `Discussion : ${resource.title}`.slice(0, 200),
      body: `À propos de la ressource [${resource.title}](/ressources/${resource.id}).`,
      tags: resource.tags,
    });
    // Two members asking at once: the first topic recorded wins; the other is still a valid topic in the space.
    const [[updated]] = await this.dataSource.query(
      `UPDATE resources SET discussion_topic_id = coalesce(discussion_topic_id, $2) WHERE id = $1
       RETURNING discussion_topic_id AS "topicId"`,
      [resourceId, topic.id],
    );
    return { topicId: updated.topicId };
  }

  /** Reads a version's text (outbox): failures are recorded with their reason and never retried as errors. */
  async extract(versionId: string): Promise<void> {
    const [version] = await this.dataSource.query(
      `SELECT v.resource_id AS "resourceId", v.storage_key AS "storageKey", v.mime_type AS "mimeType", v.extraction
       FROM resource_versions v WHERE v.id = $1`,
      [versionId],
    );
    if (!version || version.extraction !== 'pending') return;
    const outcome = await this.extractor.extract(await this.storage.localPath(version.storageKey), version.mimeType);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE resource_versions SET extraction = $2, extracted_text = $3, extraction_failure = $4 WHERE id = $1`,
        [
          versionId,
          outcome.status,
          outcome.status === 'done' ? outcome.text.replaceAll('\u0000', '') : null,
          outcome.status === 'done' ? null : outcome.reason,
        ],
      );
      await this.searchSync.resource(manager, version.resourceId);
    });
  }

  /** The list filters as SQL with their values, `$1` being the viewer (for the access rule). */
  private filter(viewer: Viewer, query: FacetsInput): { values: unknown[]; filter: string } {
    const values: unknown[] = [viewer.id];
    let filter = `r.deleted_at IS NULL AND ${this.access.spaceConditionSql(viewer, 'r.space_id', '$1')}`;
    const add = (condition: (placeholder: string) => string, value: unknown) => {
      values.push(value);
      filter += ` AND ${condition(`$${values.length}`)}`;
    };
    if (query.kind?.length) add((p) => `r.kind = ANY(${p})`, query.kind);
    if (query.volet?.length) add((p) => `r.volet = ANY(${p})`, query.volet);
    if (query.mrc) add((p) => `r.mrc_codes @> ARRAY[${p}]::text[]`, query.mrc);
    if (query.tag) add((p) => `r.tags @> ARRAY[${p}]::text[]`, query.tag);
    if (query.space) add((p) => `r.space_id = ${p}`, query.space);
    return { values, filter };
  }

  private parseMetadata(raw: string | undefined): MetadataInput {
    if (raw === undefined) throw invalid('body.metadata', 'La partie « metadata » (JSON) doit précéder le fichier');
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw invalid('body.metadata', 'La partie « metadata » doit être du JSON');
    }
    return validated(ResourceMetadata, json, 'body.metadata');
  }

  private async insertResource(
    manager: EntityManager,
    viewer: Viewer,
    id: string,
    metadata: MetadataInput,
    format: 'file' | 'link' | 'tool',
    url: string | null,
  ): Promise<void> {
    const organizationId =
      metadata.organizationId !== undefined
        ? metadata.organizationId
        : ((await manager.query('SELECT organization_id AS id FROM users WHERE id = $1', [viewer.id]))[0]?.id ?? null);
    await manager.query(
      `INSERT INTO resources (id, space_id, author_id, organization_id, format, title, summary, kind, volet, mrc_codes,
         themes, tags, language, url)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        id,
        metadata.spaceId,
        viewer.id,
        organizationId,
        format,
        metadata.title,
        metadata.summary,
        metadata.kind,
        metadata.volet,
        metadata.mrcCodes,
        metadata.themes,
        metadata.tags,
        metadata.language,
        url,
      ],
    );
  }

  private async insertVersion(
    manager: EntityManager,
    viewer: Viewer,
    resourceId: string,
    number: number,
    file: ReceivedFile,
    changeNote: string,
  ): Promise<void> {
    const versionId = newId();
    await manager.query(
      `INSERT INTO resource_versions (id, resource_id, number, storage_key, file_name, mime_type, size_bytes, sha256,
         change_note, author_id, extraction)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending')`,
      [
        versionId,
        resourceId,
        number,
        file.key,
        file.fileName,
        file.mimeType,
        file.sizeBytes,
        file.sha256,
        changeNote,
        viewer.id,
      ],
    );
    if (number === 1) {
      await manager.query('UPDATE resources SET current_version = 1 WHERE id = $1', [resourceId]);
    }
    await this.outbox.enqueue(manager, LIBRARY_EXTRACT, { versionId });
  }

  private async versions(resourceId: string): Promise<ResourceVersion[]> {
    const rows: (Omit<ResourceVersion, 'author' | 'createdAt'> & {
      authorId: string | null;
      authorName: string | null;
      authorHandle: string | null;
      createdAt: Date;
    })[] = await this.prepared.rows(
      `SELECT v.number, v.file_name AS "fileName", v.mime_type AS "mimeType", v.size_bytes::float8 AS "sizeBytes",
         v.sha256, v.change_note AS "changeNote", v.author_id AS "authorId", u.display_name AS "authorName",
         u.handle AS "authorHandle", v.created_at AS "createdAt", v.extraction,
         v.extraction_failure AS "extractionFailure"
       FROM resource_versions v LEFT JOIN users u ON u.id = v.author_id
       WHERE v.resource_id = $1 ORDER BY v.number DESC`,
      [resourceId],
    );
    return rows.map(({ authorId, authorName, authorHandle, ...row }) => ({
      ...row,
      author: personRef(authorId, authorName, authorHandle),
      createdAt: row.createdAt.toISOString(),
    }));
  }

  /** The resource if the viewer may see it (else 404) and change it (else 403). */
  private async editable(viewer: Viewer, resourceId: string): Promise<{ spaceId: string; format: string }> {
    const [row] = await this.prepared.rows<{ spaceId: string; format: string; authorId: string | null }>(
      `SELECT r.space_id AS "spaceId", r.format, r.author_id AS "authorId" FROM resources r
       WHERE r.id = $2 AND r.deleted_at IS NULL AND ${this.access.spaceConditionSql(viewer, 'r.space_id', '$1')}`,
      [viewer.id, resourceId],
    );
    if (!row) throw notFound();
    if (!isStaff(viewer) && row.authorId !== viewer.id) {
      throw forbidden('Seuls l’auteur et l’équipe de coordination modifient une ressource.');
    }
    return row;
  }
}
