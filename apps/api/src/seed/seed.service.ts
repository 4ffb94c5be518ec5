import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { newId } from '../database/ids';
import { IdentityService } from '../identity/identity.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { SpacesService } from '../spaces/spaces.service';
import { demoBio, demoPeople, demoThemes, voletSpaceNames } from './demo-network';
import region from './region.json';

export const DEMO_PASSWORD = 'maillage-demo';
export const DEMO_ADMIN_EMAIL = 'admin@maillage.demo';

/** Arbitrary but fixed: one process seeds at a time. */
const SEED_LOCK = 7_200_418;

@Injectable()
export class SeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly spaces: SpacesService,
    private readonly identity: IdentityService,
  ) {}

  /**
   * The network's real structure from region.json — the 8 MRC, the CRD and its partners, the regional space, a space
   * per volet and the governance committees — on an empty database, in every mode.
   */
  async seedRegionalStructure(): Promise<boolean> {
    return this.withLock(async () => {
      if ((await this.organizations.count()) > 0) return false;
      await this.dataSource.transaction(async (manager) => {
        await this.organizations.insertMany(manager, [
          ...region.organizations.map((organization) => ({
            id: newId(),
            slug: organization.slug,
            kind: organization.kind as 'coordination' | 'ministry' | 'health',
            name: organization.name,
            shortName: organization.short,
            mrcCode: null,
            seat: null,
            municipalities: [],
          })),
          ...region.mrcs.map((mrc) => ({
            id: newId(),
            slug: mrc.slug,
            kind: 'mrc' as const,
            name: mrc.name,
            shortName: mrc.name.replace(/^MRC (de |des )/, ''),
            mrcCode: mrc.code,
            seat: mrc.seat,
            municipalities: mrc.municipalities,
          })),
        ]);
        await this.spaces.insertSpace(manager, {
          id: newId(),
          slug: 'reseau-regional',
          name: 'Réseau régional',
          description: `L’espace de tout le réseau de l’${region.agreement.short} : annonces, échanges et entraide entre les MRC, le CRD et les partenaires.`,
          visibility: 'network',
          kind: 'regional',
          voletNumber: null,
        });
        for (const volet of region.agreement.volets) {
          await this.spaces.insertSpace(manager, {
            id: newId(),
            slug: volet.slug,
            name: voletSpaceNames[volet.number] ?? `Volet ${volet.number}`,
            description: volet.name,
            visibility: 'network',
            kind: 'volet',
            voletNumber: volet.number,
          });
        }
        for (const committee of region.agreement.governance) {
          await this.spaces.insertSpace(manager, {
            id: newId(),
            slug: committee.slug,
            name: committee.name,
            description: `Espace de travail privé du ${committee.name.charAt(0).toLowerCase()}${committee.name.slice(1)}.`,
            visibility: 'private',
            kind: 'committee',
            voletNumber: Number(committee.slug.match(/volet-(\d)/)?.[1]) || null,
          });
        }
      });
      return true;
    });
  }

  /** Demo members for development: an administrator, a moderator, two agents per MRC and partner staff. */
  async seedDemoMembers(): Promise<boolean> {
    return this.withLock(async () => {
      if ((await this.identity.activeAdminCount()) > 0 || (await this.identity.findByEmail(DEMO_ADMIN_EMAIL)))
        return false;
      const organizationList = await this.organizations.list();
      const organizations = new Map(organizationList.map((organization) => [organization.slug, organization.id]));
      const mrcCodes = new Map(organizationList.map((organization) => [organization.slug, organization.mrcCode]));
      const spaceRows: { id: string; slug: string }[] = await this.dataSource.query('SELECT id, slug FROM spaces');
      const spaces = new Map(spaceRows.map((row) => [row.slug, row.id]));
      await this.dataSource.transaction(async (manager) => {
        const memberships = new Map<string, string[]>();
        for (const person of demoPeople) {
          const user = await this.identity.createAccount(manager, {
            email: person.email,
            displayName: person.name,
            title: person.title,
            role: person.role,
            organizationId: organizations.get(person.organization) ?? null,
            password: DEMO_PASSWORD,
          });
          const mrcCode = mrcCodes.get(person.organization);
          await manager.query(
            `INSERT INTO member_profiles (user_id, themes, mrc_codes, bio, email_visibility) VALUES ($1, $2, $3, $4, $5)`,
            [user.id, demoThemes(person.title), mrcCode ? [mrcCode] : [], demoBio(person), 'members'],
          );
          for (const committee of person.committees)
            memberships.set(committee, [...(memberships.get(committee) ?? []), user.id]);
        }
        for (const [slug, userIds] of memberships) {
          const spaceId = spaces.get(slug);
          if (spaceId) await this.spaces.addMembers(manager, spaceId, userIds, null);
        }
      });
      return true;
    });
  }

  private async withLock<T>(work: () => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [SEED_LOCK]);
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK]).catch(() => undefined);
      await runner.release();
    }
  }
}
