import { authRoutes, type Me } from '@maillage/contracts';
import { Controller } from '@nestjs/common';

import { Endpoint } from '../common/http/endpoint';
import { notFound } from '../common/http/problems';
import { CurrentViewer } from '../identity/current-viewer';
import { IdentityService } from '../identity/identity.service';
import type { Viewer } from '../identity/viewer';
import { SpacesService } from '../spaces/spaces.service';

/** Who I am, in which organization, and the spaces I may see: what the web client needs to draw itself. */
@Controller()
export class MeController {
  constructor(
    private readonly identity: IdentityService,
    private readonly spaces: SpacesService,
  ) {}

  @Endpoint(authRoutes.me)
  async me(@CurrentViewer() viewer: Viewer): Promise<Me> {
    const user = await this.identity.findById(viewer.id);
    if (!user) throw notFound();
    const [[member], spaces] = await Promise.all([
      this.identity.presentMembers(viewer, [user]),
      this.spaces.listVisible(viewer),
    ]);
    const { id, displayName, handle, title, role, organization } = member!;
    return {
      id,
      email: user.email,
      displayName,
      handle,
      title,
      role,
      organization,
      spaces: spaces.map(({ id, slug, name, visibility, kind }) => ({ id, slug, name, visibility, kind })),
    };
  }
}
