import type { Readable } from 'node:stream';

import {
  type DiscussionResult,
  libraryRoutes,
  type Resource,
  type ResourceFacets,
  type ResourcePage,
  type ResourceVersion,
  type UploadResult,
} from '@maillage/contracts';
import { Controller, Req, StreamableFile } from '@nestjs/common';
import type { Request } from 'express';

import { attachmentDisposition } from '../common/http/attachment';
import { Endpoint, Input, type InputOf } from '../common/http/endpoint';
import { CurrentViewer } from '../identity/current-viewer';
import type { Viewer } from '../identity/viewer';
import { LibraryService } from './library.service';

const asAttachment = (file: { fileName: string; mimeType: string; sizeBytes: number; stream: Readable }) =>
  new StreamableFile(file.stream, {
    type: file.mimeType,
    length: file.sizeBytes,
    disposition: attachmentDisposition(file.fileName),
  });

@Controller()
export class LibraryController {
  constructor(private readonly library: LibraryService) {}

  @Endpoint(libraryRoutes.list)
  list(@CurrentViewer() viewer: Viewer, @Input() { query }: InputOf<typeof libraryRoutes.list>): Promise<ResourcePage> {
    return this.library.list(viewer, query);
  }

  // Before GET /resources/{id}: Express matches routes in the order they are declared.
  @Endpoint(libraryRoutes.facets)
  facets(
    @CurrentViewer() viewer: Viewer,
    @Input() { query }: InputOf<typeof libraryRoutes.facets>,
  ): Promise<ResourceFacets> {
    return this.library.facets(viewer, query);
  }

  @Endpoint(libraryRoutes.createLink)
  createLink(
    @CurrentViewer() viewer: Viewer,
    @Input() { body }: InputOf<typeof libraryRoutes.createLink>,
  ): Promise<Resource> {
    return this.library.createLink(viewer, body);
  }

  @Endpoint(libraryRoutes.upload)
  upload(@CurrentViewer() viewer: Viewer, @Req() request: Request): Promise<UploadResult> {
    return this.library.upload(viewer, request);
  }

  @Endpoint(libraryRoutes.get)
  get(@CurrentViewer() viewer: Viewer, @Input() { params }: InputOf<typeof libraryRoutes.get>): Promise<Resource> {
    return this.library.get(viewer, params.id);
  }

  @Endpoint(libraryRoutes.update)
  update(
    @CurrentViewer() viewer: Viewer,
    @Input() { params, body }: InputOf<typeof libraryRoutes.update>,
  ): Promise<Resource> {
    return this.library.update(viewer, params.id, body);
  }

  @Endpoint(libraryRoutes.remove)
  remove(@CurrentViewer() viewer: Viewer, @Input() { params }: InputOf<typeof libraryRoutes.remove>): Promise<void> {
    return this.library.remove(viewer, params.id);
  }

  @Endpoint(libraryRoutes.addVersion)
  addVersion(
    @CurrentViewer() viewer: Viewer,
    @Input() { params }: InputOf<typeof libraryRoutes.addVersion>,
    @Req() request: Request,
  ): Promise<ResourceVersion> {
    return this.library.addVersion(viewer, params.id, request);
  }

  @Endpoint(libraryRoutes.download)
  async download(
    @CurrentViewer() viewer: Viewer,
    @Input() { params }: InputOf<typeof libraryRoutes.download>,
  ): Promise<StreamableFile> {
    return asAttachment(await this.library.download(viewer, params.id));
  }

  @Endpoint(libraryRoutes.downloadVersion)
  async downloadVersion(
    @CurrentViewer() viewer: Viewer,
    @Input() { params }: InputOf<typeof libraryRoutes.downloadVersion>,
  ): Promise<StreamableFile> {
    return asAttachment(await this.library.download(viewer, params.id, params.number));
  }

  @Endpoint(libraryRoutes.discussion)
  discussion(
    @CurrentViewer() viewer: Viewer,
    @Input() { params }: InputOf<typeof libraryRoutes.discussion>,
  ): Promise<DiscussionResult> {
    return this.library.discussion(viewer, params.id);
  }
}
