import type { CreateSpaceRequest, Space, SpaceKind, SpaceMember, UpdateSpaceRequest } from '@maillage/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import type { z } from 'zod';

import { AuditLog } from '../audit/audit-log';
import { conflict, invalid, notFound } from '../common/http/problems';
import { newId } from '../database/ids';
import { IdentityService } from '../identity/identity.service';
import type { Viewer } from '../identity/viewer';
import { OrganizationsService } from '../organizations/organizations.service';
import { AccessPolicy } from './access-policy';
import { SpaceEntity } from './entities/space.entity';
import { SpaceMemberEntity } from './entities/space-member.entity';
import { SpaceEvents } from './space-events';

const kindOrder: readonly SpaceKind[] = ['regional', 'volet', 'committee', 'group', 'direct'];

/** 'Comité de gestion — Volet 1' → 'comite-de-gestion-volet-1' */
export const slugify = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');

type SpaceRow = SpaceEntity & { memberCount: number; isMember: boolean };

@Injectable()
export class SpacesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(SpaceEntity) private readonly spaces: Repository<SpaceEntity>,
    @InjectRepository(SpaceMemberEntity) private readonly members: Repository<SpaceMemberEntity>,
    private readonly access: AccessPolicy,
    private readonly identity: IdentityService,
    private readonly organizations: OrganizationsService,
    private readonly spaceEvents: SpaceEvents,
    private readonly audit: AuditLog,
  ) {}

  async listVisible(viewer: Viewer): Promise<Space[]> {
    const rows = await this.query(viewer).getRawAndEntities();
    return this.present(rows.entities, rows.raw);
  }

  async get(viewer: Viewer, id: string): Promise<Space> {
    const rows = await this.query(viewer).andWhere('space.id = :id', { id }).getRawAndEntities();
    const [space] = this.present(rows.entities, rows.raw);
    if (!space) throw notFound();
    return space;
  }

  async create(viewer: Viewer, request: z.output<typeof CreateSpaceRequest>): Promise<Space> {
    const slug = request.slug ?? slugify(request.name);
    if (slug.length < 2) throw invalid('body.slug', 'Donnez un identifiant d’au moins deux lettres ou chiffres');
    if (await this.spaces.existsBy({ slug })) {
      throw conflict('Un espace porte déjà cet identifiant.', [
        { path: 'body.slug', message: 'Identifiant déjà pris' },
      ]);
    }
    const id = newId();
    await this.dataSource.transaction(async (manager) => {
      await this.insertSpace(manager, {
        id,
        slug,
        name: request.name,
        description: request.description,
        visibility: request.visibility,
        kind: request.kind,
        voletNumber: null,
      });
      // The creator of a private space is in it, or nobody but the other admins could see it.
      if (request.visibility === 'private') await this.addMembers(manager, id, [viewer.id], viewer.id);
    });
    return this.get(viewer, id);
  }

  async update(viewer: Viewer, id: string, change: UpdateSpaceRequest): Promise<Space> {
    const result = await this.spaces.update({ id }, change);
    if (!result.affected) throw notFound();
    return this.get(viewer, id);
  }

  async listMembers(viewer: Viewer, spaceId: string): Promise<SpaceMember[]> {
    await this.access.assertCanSeeSpace(viewer, spaceId);
    const memberships = await this.members.find({ where: { spaceId }, order: { addedAt: 'ASC' } });
    const users = await this.identity.activeUsersByIds(memberships.map((membership) => membership.userId));
    const organizations = await this.organizations.summariesByIds(
      [...users.values()].map((user) => user.organizationId),
    );
    return memberships
      .flatMap((membership) => {
        const user = users.get(membership.userId);
        if (!user) return [];
        return [
          {
            userId: user.id,
            displayName: user.displayName,
            organization: user.organizationId ? (organizations.get(user.organizationId) ?? null) : null,
            addedAt: membership.addedAt.toISOString(),
          },
        ];
      })
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr'));
  }

  async addMember(viewer: Viewer, spaceId: string, userId: string): Promise<void> {
    const space = await this.spaces.findOneBy({ id: spaceId });
    if (!space) throw notFound();
    const users = await this.identity.activeUsersByIds([userId]);
    const user = users.get(userId);
    if (!user) throw invalid('body.userId', 'Aucun membre actif avec cet identifiant');
    await this.dataSource.transaction(async (manager) => {
      await this.addMembers(manager, spaceId, [userId], viewer.id);
      await this.audit.record(manager, {
        action: 'space.member-added',
        actorId: viewer.id,
        target: `${space.name} : ${user.displayName}`,
      });
    });
  }

  async removeMember(viewer: Viewer, spaceId: string, userId: string): Promise<void> {
    const space = await this.spaces.findOneBy({ id: spaceId });
    const user = (await this.identity.activeUsersByIds([userId])).get(userId);
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.getRepository(SpaceMemberEntity).delete({ spaceId, userId });
      if (!result.affected) throw notFound('Ce membre ne fait pas partie de cet espace.');
      await this.audit.record(manager, {
        action: 'space.member-removed',
        actorId: viewer.id,
        target: `${space?.name ?? spaceId} : ${user?.displayName ?? userId}`,
      });
    });
    await this.spaceEvents.removed(spaceId, userId);
  }

  async insertSpace(manager: EntityManager, space: Omit<SpaceEntity, 'createdAt' | 'updatedAt'>): Promise<void> {
    await manager.getRepository(SpaceEntity).insert(space);
    await this.spaceEvents.created(manager, space.id);
  }

  async addMembers(manager: EntityManager, spaceId: string, userIds: string[], addedBy: string | null): Promise<void> {
    if (userIds.length === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(SpaceMemberEntity)
      .values(userIds.map((userId) => ({ spaceId, userId, addedBy })))
      .orIgnore()
      .execute();
  }

  private query(viewer: Viewer) {
    const visible = this.access.spaceCondition(viewer, 'space.id');
    return (
      this.spaces
        .createQueryBuilder('space')
        .addSelect('(SELECT count(*) FROM space_members m WHERE m.space_id = space.id)::int', 'member_count')
        .addSelect(
          'EXISTS (SELECT 1 FROM space_members m WHERE m.space_id = space.id AND m.user_id = :viewerId)',
          'is_member',
        )
        .setParameter('viewerId', viewer.id)
        .where(visible.sql, visible.params)
        // Direct conversations are spaces for the access rule, not for the spaces directory.
        .andWhere("space.kind <> 'direct'")
        .orderBy('space.name', 'ASC')
    );
  }

  private present(entities: SpaceEntity[], raw: { member_count: number; is_member: boolean }[]): Space[] {
    const rows: SpaceRow[] = entities.map((entity, index) => ({
      ...entity,
      memberCount: raw[index]?.member_count ?? 0,
      isMember: raw[index]?.is_member ?? false,
    }));
    return rows
      .sort(
        (a, b) =>
          kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) ||
          (a.voletNumber ?? 0) - (b.voletNumber ?? 0) ||
          a.name.localeCompare(b.name, 'fr'),
      )
      .map((row) => ({
        id: row.id,
        slug: row.slug,
        name: row.name,
        description: row.description,
        visibility: row.visibility,
        kind: row.kind,
        memberCount: row.memberCount,
        isMember: row.isMember,
        createdAt: row.createdAt.toISOString(),
      }));
  }
}
