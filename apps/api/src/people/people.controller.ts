import {
  type Directory,
  type MyProfileSettings,
  type OrganizationPage,
  peopleRoutes,
  type Profile,
} from '@maillage/contracts';
import { Controller, Req, Res, StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';

import { Endpoint, Input, type InputOf } from '../common/http/endpoint';
import { CurrentViewer } from '../identity/current-viewer';
import type { Viewer } from '../identity/viewer';
import { AVATAR_MIME_TYPE, readAvatarBody } from './avatar-images';
import { OrganizationPages } from './organization-pages';
import { PeopleService } from './people.service';

@Controller()
export class PeopleController {
  constructor(
    private readonly people: PeopleService,
    private readonly organizationPages: OrganizationPages,
  ) {}

  @Endpoint(peopleRoutes.directory)
  directory(
    @CurrentViewer() viewer: Viewer,
    @Input() { query }: InputOf<typeof peopleRoutes.directory>,
  ): Promise<Directory> {
    return this.people.directory(viewer, query);
  }

  @Endpoint(peopleRoutes.profile)
  profile(
    @CurrentViewer() viewer: Viewer,
    @Input() { params }: InputOf<typeof peopleRoutes.profile>,
  ): Promise<Profile> {
    return this.people.profile(viewer, params.handle);
  }

  /** Served with a long cache: a changed picture has a new address (its version is in the profile's avatarUrl). */
  @Endpoint(peopleRoutes.avatar)
  async avatar(
    @Input() { params }: InputOf<typeof peopleRoutes.avatar>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const stream = await this.people.avatar(params.handle);
    response.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    return new StreamableFile(stream, { type: AVATAR_MIME_TYPE });
  }

  @Endpoint(peopleRoutes.mySettings)
  mySettings(@CurrentViewer() viewer: Viewer): Promise<MyProfileSettings> {
    return this.people.settings(viewer);
  }

  @Endpoint(peopleRoutes.updateMySettings)
  update(
    @CurrentViewer() viewer: Viewer,
    @Input() { body }: InputOf<typeof peopleRoutes.updateMySettings>,
  ): Promise<Profile> {
    return this.people.update(viewer, body);
  }

  @Endpoint(peopleRoutes.setAvatar)
  async setAvatar(@CurrentViewer() viewer: Viewer, @Req() request: Request): Promise<Profile> {
    return this.people.setAvatar(viewer, await readAvatarBody(request));
  }

  @Endpoint(peopleRoutes.removeAvatar)
  removeAvatar(@CurrentViewer() viewer: Viewer): Promise<void> {
    return this.people.removeAvatar(viewer);
  }

  @Endpoint(peopleRoutes.organizationPage)
  organizationPage(
    @CurrentViewer() viewer: Viewer,
    @Input() { params }: InputOf<typeof peopleRoutes.organizationPage>,
  ): Promise<OrganizationPage> {
    return this.organizationPages.page(viewer, params.slug);
  }
}
