import type { ContactVisibility } from '@maillage/contracts';
import { Check, Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';

import { UserEntity } from '../../identity/entities/user.entity';

/**
 * What a member tells the network about themselves, beyond the account: where they work (MRC served), on what
 * (themes of the region, free tags), in which languages, how to reach them and who may see that. A member without a
 * row has the defaults.
 */
@Entity('member_profiles')
@Check('CHK_member_profiles_email_visibility', `"email_visibility" IN ('members', 'nobody')`)
@Check('CHK_member_profiles_phone_visibility', `"phone_visibility" IN ('members', 'nobody')`)
@Index('IDX_member_profiles_mrc_codes', { synchronize: false })
@Index('IDX_member_profiles_themes', { synchronize: false })
export class MemberProfileEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @OneToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'text', default: '' })
  bio: string;

  @Column({ type: 'text', array: true, default: '{fr}' })
  languages: string[];

  /** From REGION_THEMES. */
  @Column({ type: 'text', array: true, default: '{}' })
  themes: string[];

  @Column({ type: 'text', array: true, default: '{}' })
  tags: string[];

  /** The MRC the member serves (codes 07 to 14), whatever their organization's own. */
  @Column({ name: 'mrc_codes', type: 'text', array: true, default: '{}' })
  mrcCodes: string[];

  @Column({ type: 'text', default: '' })
  phone: string;

  @Column({ name: 'email_visibility', type: 'text', default: 'members' })
  emailVisibility: ContactVisibility;

  @Column({ name: 'phone_visibility', type: 'text', default: 'nobody' })
  phoneVisibility: ContactVisibility;

  /** The resized picture in file storage. */
  @Column({ name: 'avatar_key', type: 'text', nullable: true })
  avatarKey: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
