import { NotificationDelivery, type NotificationKind } from '@maillage/contracts';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { UserEntity } from '../../identity/entities/user.entity';

/** A member's choice for one kind; without a row, NOTIFICATION_DEFAULTS applies. */
@Entity('notification_preferences')
@Check(
  'CHK_notification_preferences_delivery',
  `"delivery" IN (${NotificationDelivery.options.map((delivery) => `'${delivery}'`).join(', ')})`,
)
export class NotificationPreferenceEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'text' })
  kind: NotificationKind;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'text' })
  delivery: NotificationDelivery;
}
