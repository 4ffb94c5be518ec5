import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { notFound } from '../common/http/problems';
import { DatabaseChannels } from '../database/database-channels';
import { NotifiedCache } from '../database/notified-cache';
import { PreparedStatements } from '../database/prepared-statements';
import type { Viewer } from '../identity/viewer';

/**
 * The one access rule of Maillage (DESIGN.md): everything lives in a space; a member sees a space, and all it holds,
 * when the space is `network` or when they are one of its members; administrators see everything. Every read path —
 * REST, search filters, socket rooms, calendar feeds, downloads — asks here. What a viewer may not see answers 404.
 */
/**
 * The rule itself, for a member: the space `spaceRef` is a network space or one `memberRef` belongs to. `memberRef` is
 * a parameter placeholder or a column; every form below is written from this one text.
 */
const memberMaySee = (memberRef: string, spaceRef: string): string =>
  `(${spaceRef} IN (SELECT id FROM spaces WHERE visibility = 'network')
    OR ${spaceRef} IN (SELECT space_id FROM space_members WHERE user_id = ${memberRef}))`;

/** Notified by a trigger on `spaces` and `space_members` at the commit of any change to them (see its migration). */
export const ACCESS_CHANGES = 'maillage_access_changes';
const VISIBLE_SPACES_MAX_ENTRIES = 10_000;

type VisibleSpace = { id: string; name: string };

@Injectable()
export class AccessPolicy implements OnModuleInit {
  /**
   * Each viewer's visible spaces, as long as nothing changed in `spaces` or `space_members` since they were read:
   * a search then asks the database nothing (bench/search).
   */
  private readonly visibleSpacesCache = new NotifiedCache<readonly VisibleSpace[]>(VISIBLE_SPACES_MAX_ENTRIES);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly prepared: PreparedStatements,
    private readonly channels: DatabaseChannels,
  ) {}

  onModuleInit(): void {
    this.visibleSpacesCache.listen(this.channels, ACCESS_CHANGES);
  }

  /**
   * A SQL condition for query builders: true when `viewer` may see the space whose id is `spaceIdColumn`. Parameters
   * are named with the given prefix to keep them apart from the caller's.
   */
  spaceCondition(
    viewer: Viewer,
    spaceIdColumn: string,
    prefix = 'access',
  ): { sql: string; params: Record<string, unknown> } {
    if (viewer.role === 'admin') return { sql: 'TRUE', params: {} };
    return { sql: memberMaySee(`:${prefix}Viewer`, spaceIdColumn), params: { [`${prefix}Viewer`]: viewer.id } };
  }

  /**
   * The same condition for hand-written SQL with positional parameters: `viewerPlaceholder` (such as `$2`) must be
   * bound to the viewer's id, which an administrator's condition mentions only so that the parameter keeps a type.
   */
  spaceConditionSql(viewer: Viewer, spaceIdColumn: string, viewerPlaceholder: string): string {
    if (viewer.role === 'admin') return `(${viewerPlaceholder}::uuid IS NOT NULL)`;
    return memberMaySee(viewerPlaceholder, spaceIdColumn);
  }

  /**
   * The condition for rows of many members at once, `userIdColumn` naming each row's member, judged as a member
   * (an administrator's extra reach is not applied: use it where under-counting is harmless, such as live counts).
   */
  memberSpaceConditionSql(userIdColumn: string, spaceIdColumn: string): string {
    return memberMaySee(userIdColumn, spaceIdColumn);
  }

  /** Every space the viewer may see, with its name (search filters and facet labels). */
  async visibleSpaces(viewer: Viewer): Promise<readonly VisibleSpace[]> {
    const key = `${viewer.role} ${viewer.id}`;
    return (
      this.visibleSpacesCache.get(key) ??
      this.visibleSpacesCache.load(key, async () =>
        Object.freeze(
          await this.prepared.rows<VisibleSpace>(
            `SELECT s.id, s.name FROM spaces s WHERE ${this.spaceConditionSql(viewer, 's.id', '$1')}`,
            [viewer.id],
          ),
        ),
      )
    );
  }

  async canSeeSpace(viewer: Viewer, spaceId: string): Promise<boolean> {
    const [row] = await this.prepared.rows(
      `SELECT 1 FROM spaces s WHERE s.id = $1 AND ${this.spaceConditionSql(viewer, 's.id', '$2')}`,
      [spaceId, viewer.id],
    );
    return row !== undefined;
  }

  /** Which of these accounts (active ones only) may see the space: the recipients a notification may reach. */
  async whoCanSeeSpace(userIds: readonly string[], spaceId: string): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT u.id FROM users u, spaces s
       WHERE u.id = ANY($1) AND s.id = $2 AND u.status = 'active'
         AND (u.role = 'admin' OR ${memberMaySee('u.id', 's.id')})`,
      [[...new Set(userIds)], spaceId],
    );
    return new Set(rows.map((row) => row.id));
  }

  /** Throws 404 unless the viewer may see the space. */
  async assertCanSeeSpace(viewer: Viewer, spaceId: string): Promise<void> {
    if (!(await this.canSeeSpace(viewer, spaceId))) throw notFound();
  }
}
