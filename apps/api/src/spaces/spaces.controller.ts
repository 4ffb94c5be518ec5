import { type Space, type SpaceList, type SpaceMemberList, spaceRoutes } from '@maillage/contracts';
import { Controller } from '@nestjs/common';

import { Endpoint, Input, type InputOf } from '../common/http/endpoint';
import { CurrentViewer } from '../identity/current-viewer';
import type { Viewer } from '../identity/viewer';
import { SpacesService } from './spaces.service';

@Controller()
export class SpacesController {
  constructor(private readonly spaces: SpacesService) {}

  @Endpoint(spaceRoutes.list)
  async list(@CurrentViewer() viewer: Viewer): Promise<SpaceList> {
    return { items: await this.spaces.listVisible(viewer) };
  }

  @Endpoint(spaceRoutes.get)
  get(@CurrentViewer() viewer: Viewer, @Input() { params }: InputOf<typeof spaceRoutes.get>): Promise<Space> {
    return this.spaces.get(viewer, params.id);
  }

  @Endpoint(spaceRoutes.create)
  create(@CurrentViewer() viewer: Viewer, @Input() { body }: InputOf<typeof spaceRoutes.create>): Promise<Space> {
    return this.spaces.create(viewer, body);
  }

  @Endpoint(spaceRoutes.update)
  update(
    @CurrentViewer() viewer: Viewer,
    @Input() { params, body }: InputOf<typeof spaceRoutes.update>,
  ): Promise<Space> {
    return this.spaces.update(viewer, params.id, body);
  }

  @Endpoint(spaceRoutes.listMembers)
  async listMembers(
    @CurrentViewer() viewer: Viewer,
    @Input() { params }: InputOf<typeof spaceRoutes.listMembers>,
  ): Promise<SpaceMemberList> {
    return { items: await this.spaces.listMembers(viewer, params.id) };
  }

  @Endpoint(spaceRoutes.addMember)
  addMember(
    @CurrentViewer() viewer: Viewer,
    @Input() { params, body }: InputOf<typeof spaceRoutes.addMember>,
  ): Promise<void> {
    return this.spaces.addMember(viewer, params.id, body.userId);
  }

  @Endpoint(spaceRoutes.removeMember)
  removeMember(
    @CurrentViewer() viewer: Viewer,
    @Input() { params }: InputOf<typeof spaceRoutes.removeMember>,
  ): Promise<void> {
    return this.spaces.removeMember(viewer, params.id, params.userId);
  }
}
