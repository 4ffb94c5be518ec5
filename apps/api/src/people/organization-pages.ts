import type { OrganizationPage } from '@maillage/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { notFound } from '../common/http/problems';
import type { Viewer } from '../identity/viewer';
import { OrganizationsService, presentOrganization } from '../organizations/organizations.service';
import { AccessPolicy } from '../spaces/access-policy';
import { PERSON_SELECT, presentCard } from './people.service';

const RECENT_ACTIVITY = 12;

/**
 * An organization's page — the 8 MRC, the CRD, ministries, the CISSS, community partners: its members, the spaces
 * they take part in, and what was lately started there (topics by its members, its resources and events), all
 * through the access policy: a private space's activity shows only to those who may see the space.
 */
@Injectable()
export class OrganizationPages {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly access: AccessPolicy,
  ) {}

  async page(viewer: Viewer, slug: string): Promise<OrganizationPage> {
    const found = await this.organizations.findBySlug(slug);
    if (!found) throw notFound('Cette organisation n’existe pas.');
    const organization = presentOrganization(found);
    const visible = (column: string) => this.access.spaceConditionSql(viewer, column, '$2');
    const [members, spaces, activity] = await Promise.all([
      this.dataSource.query(
        `SELECT ${PERSON_SELECT} WHERE u.organization_id = $1 AND u.status = 'active' ORDER BY u.display_name, u.id`,
        [organization.id],
      ),
      this.dataSource.query(
        `SELECT s.id, s.name, s.slug FROM spaces s
         WHERE s.kind <> 'direct' AND ${visible('s.id')}
           AND EXISTS (SELECT 1 FROM space_members m JOIN users u ON u.id = m.user_id
                       WHERE m.space_id = s.id AND u.organization_id = $1 AND u.status = 'active')
         ORDER BY s.name`,
        [organization.id, viewer.id],
      ),
      this.dataSource.query(
        `(SELECT 'topic' AS kind, t.title, '/sujets/' || t.id AS url, t.created_at AS at, u.display_name AS "authorName"
          FROM topics t JOIN users u ON u.id = t.author_id
          WHERE u.organization_id = $1 AND t.deleted_at IS NULL AND ${visible('t.space_id')}
          ORDER BY t.created_at DESC LIMIT ${RECENT_ACTIVITY})
         UNION ALL
         (SELECT 'resource', r.title, '/ressources/' || r.id, r.created_at, u.display_name
          FROM resources r LEFT JOIN users u ON u.id = r.author_id
          WHERE r.organization_id = $1 AND r.deleted_at IS NULL AND ${visible('r.space_id')}
          ORDER BY r.created_at DESC LIMIT ${RECENT_ACTIVITY})
         UNION ALL
         (SELECT 'event', e.title, '/evenements/' || e.id, e.created_at, u.display_name
          FROM events e LEFT JOIN users u ON u.id = e.author_id
          WHERE e.organization_id = $1 AND e.cancelled_at IS NULL AND ${visible('e.space_id')}
          ORDER BY e.created_at DESC LIMIT ${RECENT_ACTIVITY})
         ORDER BY at DESC LIMIT ${RECENT_ACTIVITY}`,
        [organization.id, viewer.id],
      ),
    ]);
    return {
      organization,
      members: members.map((row: Parameters<typeof presentCard>[1]) => presentCard(viewer, row)),
      spaces,
      recentActivity: activity.map((row: { at: Date }) => ({ ...row, at: row.at.toISOString() })),
    };
  }
}
