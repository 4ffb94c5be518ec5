import type { AuditAction, AuditPage, AuditQuery } from '@maillage/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';

import { decodeCursor, encodeCursor } from '../common/http/cursor';
import { newId } from '../database/ids';
import { personRef } from '../identity/person-ref';

export interface AuditRecord {
  action: AuditAction;
  actorId: string | null;
  target: string;
  details?: Record<string, string | number | boolean | null>;
}

/**
 * The audit log of administrative actions (invitations, roles, deactivations, deletions, space membership,
 * moderation). Each entry is written in the transaction of the action it records: there is no action without its
 * entry, nor an entry for an action that did not happen.
 */
@Injectable()
export class AuditLog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, entry: AuditRecord): Promise<void> {
    await manager.query(
      'INSERT INTO audit_entries (id, action, actor_id, target, details) VALUES ($1, $2, $3, $4, $5)',
      [newId(), entry.action, entry.actorId, entry.target, entry.details ?? {}],
    );
  }

  async list(query: z.output<typeof AuditQuery>): Promise<AuditPage> {
    const after = query.cursor ? decodeCursor<[string, string]>(query.cursor, 2) : null;
    const rows: {
      id: string;
      action: AuditAction;
      actorId: string | null;
      actorName: string | null;
      actorHandle: string | null;
      target: string;
      details: Record<string, string | number | boolean | null>;
      createdAt: Date;
    }[] = await this.dataSource.query(
      `SELECT a.id, a.action, a.actor_id AS "actorId", u.display_name AS "actorName", u.handle AS "actorHandle",
              a.target, a.details, a.created_at AS "createdAt"
       FROM audit_entries a LEFT JOIN users u ON u.id = a.actor_id
       WHERE ($1::text IS NULL OR a.action = $1)
         AND ($2::timestamptz IS NULL OR (a.created_at, a.id) < ($2, $3::uuid))
       ORDER BY a.created_at DESC, a.id DESC LIMIT ${query.limit + 1}`,
      [query.action ?? null, after?.[0] ?? null, after?.[1] ?? null],
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => ({
        id: row.id,
        action: row.action,
        actor: personRef(row.actorId, row.actorName, row.actorHandle),
        target: row.target,
        details: row.details,
        createdAt: row.createdAt.toISOString(),
      })),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    };
  }
}
