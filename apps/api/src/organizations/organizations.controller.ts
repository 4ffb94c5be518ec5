import { type OrganizationList, organizationRoutes } from '@maillage/contracts';
import { Controller } from '@nestjs/common';

import { Endpoint } from '../common/http/endpoint';
import { OrganizationsService } from './organizations.service';

@Controller()
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Endpoint(organizationRoutes.list)
  async list(): Promise<OrganizationList> {
    return { items: await this.organizations.list() };
  }
}
