import {
  NOTIFICATION_DEFAULTS,
  type NotificationDelivery,
  NotificationKind,
  type NotificationPreferences,
  type UnsubscribeTarget,
  type UpdateNotificationPreferences,
} from '@maillage/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import type { Viewer } from '../identity/viewer';

export const DEFAULT_DIGEST_HOUR = 7;

/** Each member's choice per kind (NOTIFICATION_DEFAULTS where they made none) and their digest's hour. */
@Injectable()
export class NotificationPreferencesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(userId: string): Promise<NotificationPreferences> {
    const chosen = await this.choicesOf([userId]);
    const [schedule] = await this.dataSource.query('SELECT hour FROM digest_schedules WHERE user_id = $1', [userId]);
    return {
      kinds: NotificationKind.options.map((kind) => ({
        kind,
        delivery: chosen.get(`${userId} ${kind}`) ?? NOTIFICATION_DEFAULTS[kind],
      })),
      digestHour: schedule?.hour ?? DEFAULT_DIGEST_HOUR,
    };
  }

  async update(viewer: Viewer, change: UpdateNotificationPreferences): Promise<NotificationPreferences> {
    await this.dataSource.transaction(async (manager) => {
      for (const { kind, delivery } of change.kinds) await this.set(manager, viewer.id, kind, delivery);
      await manager.query(
        `INSERT INTO digest_schedules (user_id, hour) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET hour = $2`,
        [viewer.id, change.digestHour],
      );
    });
    return this.get(viewer.id);
  }

  /** What an unsubscribe link stops: that kind's emails, or every kind that went to the digest; it stays in the app. */
  async stop(userId: string, target: UnsubscribeTarget): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const kinds = target === 'digest' ? await this.kindsDelivered(userId, 'digest') : [target];
      for (const kind of kinds) await this.set(manager, userId, kind, 'in-app');
    });
  }

  /** The kinds a member receives this way. */
  async kindsDelivered(userId: string, delivery: NotificationDelivery): Promise<NotificationKind[]> {
    return (await this.deliveries(NotificationKind.options.map((kind) => ({ userId, kind }))))
      .filter((entry) => entry.delivery === delivery)
      .map((entry) => entry.kind);
  }

  /** The delivery of each (member, kind). */
  async deliveries(
    pairs: { userId: string; kind: NotificationKind }[],
  ): Promise<{ userId: string; kind: NotificationKind; delivery: NotificationDelivery }[]> {
    const chosen = await this.choicesOf([...new Set(pairs.map((pair) => pair.userId))]);
    return pairs.map((pair) => ({
      ...pair,
      delivery: chosen.get(`${pair.userId} ${pair.kind}`) ?? NOTIFICATION_DEFAULTS[pair.kind],
    }));
  }

  private async choicesOf(userIds: string[]): Promise<Map<string, NotificationDelivery>> {
    if (userIds.length === 0) return new Map();
    const rows: { userId: string; kind: NotificationKind; delivery: NotificationDelivery }[] =
      await this.dataSource.query(
        'SELECT user_id AS "userId", kind, delivery FROM notification_preferences WHERE user_id = ANY($1)',
        [userIds],
      );
    return new Map(rows.map((row) => [`${row.userId} ${row.kind}`, row.delivery]));
  }

  private async set(
    manager: EntityManager,
    userId: string,
    kind: NotificationKind,
    delivery: NotificationDelivery,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO notification_preferences (user_id, kind, delivery) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, kind) DO UPDATE SET delivery = $3`,
      [userId, kind, delivery],
    );
  }
}
