import { type Member, type MemberList, memberRoutes } from '@maillage/contracts';
import { Controller } from '@nestjs/common';

import { Endpoint, Input, type InputOf } from '../common/http/endpoint';
import { CurrentViewer } from './current-viewer';
import { IdentityService } from './identity.service';
import type { Viewer } from './viewer';

/** Account administration; the public member directory belongs to the people module. */
@Controller()
export class MembersController {
  constructor(private readonly identity: IdentityService) {}

  @Endpoint(memberRoutes.list)
  list(@CurrentViewer() viewer: Viewer, @Input() { query }: InputOf<typeof memberRoutes.list>): Promise<MemberList> {
    return this.identity.listMembers(viewer, query);
  }

  @Endpoint(memberRoutes.update)
  update(
    @CurrentViewer() viewer: Viewer,
    @Input() { params, body }: InputOf<typeof memberRoutes.update>,
  ): Promise<Member> {
    return this.identity.updateMember(viewer, params.id, body);
  }
}
