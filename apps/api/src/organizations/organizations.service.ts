import type { Organization, OrganizationSummary } from '@maillage/contracts';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, Repository } from 'typeorm';

import { OrganizationEntity } from './entities/organization.entity';

const kindOrder: Record<OrganizationEntity['kind'], number> = {
  coordination: 0,
  mrc: 1,
  health: 2,
  ministry: 3,
  community: 4,
};

export const presentOrganizationSummary = (organization: OrganizationEntity): OrganizationSummary => ({
  id: organization.id,
  slug: organization.slug,
  name: organization.name,
  shortName: organization.shortName,
  kind: organization.kind,
});

export const presentOrganization = (organization: OrganizationEntity): Organization => ({
  ...presentOrganizationSummary(organization),
  mrcCode: organization.mrcCode,
  seat: organization.seat,
  municipalities: organization.municipalities,
});

@Injectable()
export class OrganizationsService {
  constructor(@InjectRepository(OrganizationEntity) private readonly organizations: Repository<OrganizationEntity>) {}

  /** The network's organizations: the CRD first, then the MRC from west to east by code, then partners. */
  async list(): Promise<Organization[]> {
    const rows = await this.organizations.find();
    return rows
      .sort(
        (a, b) =>
          kindOrder[a.kind] - kindOrder[b.kind] || (a.mrcCode ?? a.name).localeCompare(b.mrcCode ?? b.name, 'fr'),
      )
      .map(presentOrganization);
  }

  findById(id: string): Promise<OrganizationEntity | null> {
    return this.organizations.findOneBy({ id });
  }

  async summariesByIds(ids: readonly (string | null)[]): Promise<Map<string, OrganizationSummary>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (wanted.length === 0) return new Map();
    const rows = await this.organizations.findBy({ id: In(wanted) });
    return new Map(rows.map((row) => [row.id, presentOrganizationSummary(row)]));
  }

  count(): Promise<number> {
    return this.organizations.count();
  }

  async insertMany(manager: EntityManager, rows: Omit<OrganizationEntity, 'createdAt'>[]): Promise<void> {
    await manager.getRepository(OrganizationEntity).insert(rows);
  }

  findBySlug(slug: string): Promise<OrganizationEntity | null> {
    return this.organizations.findOneBy({ slug });
  }
}
