import { AuditEntryEntity } from '../audit/entities/audit-entry.entity';
import { CreateAuditLog1764000001600 } from '../audit/migrations/1764000001600-create-audit-log';
import { ChannelEntity } from '../chat/entities/channel.entity';
import { ChannelReadEntity } from '../chat/entities/channel-read.entity';
import { MessageEntity } from '../chat/entities/message.entity';
import { MessageReactionEntity } from '../chat/entities/message-reaction.entity';
import { CreateChat1764000001000 } from '../chat/migrations/1764000001000-create-chat';
import { AddMessageRateIndex1764000001100 } from '../chat/migrations/1764000001100-add-message-rate-index';
import { AllowDirectSpaces1764000001200 } from '../chat/migrations/1764000001200-allow-direct-spaces';
import { AddReactionsAndDirectNotifications1764000001300 } from '../chat/migrations/1764000001300-add-reactions-and-direct-notifications';
import { CalendarFeedEntity } from '../events/entities/calendar-feed.entity';
import { EventEntity } from '../events/entities/event.entity';
import { EventFollowEntity } from '../events/entities/event-follow.entity';
import { EventOccurrenceEntity } from '../events/entities/event-occurrence.entity';
import { EventReminderEntity } from '../events/entities/event-reminder.entity';
import { EventRsvpEntity } from '../events/entities/event-rsvp.entity';
import { CreateEvents1764000000800 } from '../events/migrations/1764000000800-create-events';
import { PostEntity } from '../forums/entities/post.entity';
import { PostFlagEntity } from '../forums/entities/post-flag.entity';
import { PostLikeEntity } from '../forums/entities/post-like.entity';
import { PostRevisionEntity } from '../forums/entities/post-revision.entity';
import { SpaceSubscriptionEntity, TopicSubscriptionEntity } from '../forums/entities/subscription.entity';
import { TopicEntity } from '../forums/entities/topic.entity';
import { TopicReadEntity } from '../forums/entities/topic-read.entity';
import { CreateForums1764000000500 } from '../forums/migrations/1764000000500-create-forums';
import { InvitationEntity } from '../identity/entities/invitation.entity';
import { LoginFailureEntity } from '../identity/entities/login-failure.entity';
import { SessionEntity } from '../identity/entities/session.entity';
import { UserEntity } from '../identity/entities/user.entity';
import { CreateIdentity1764000000100 } from '../identity/migrations/1764000000100-create-identity';
import { AddUserHandles1764000000400 } from '../identity/migrations/1764000000400-add-user-handles';
import { AllowDeletedAccounts1764000001700 } from '../identity/migrations/1764000001700-allow-deleted-accounts';
import { ResourceEntity } from '../library/entities/resource.entity';
import { ResourceDownloadEntity } from '../library/entities/resource-download.entity';
import { ResourceVersionEntity } from '../library/entities/resource-version.entity';
import { CreateLibrary1764000000900 } from '../library/migrations/1764000000900-create-library';
import { RecordDownloads1764000001800 } from '../library/migrations/1764000001800-record-downloads';
import { DigestScheduleEntity } from '../notifications/entities/digest-schedule.entity';
import { NotificationEntity } from '../notifications/entities/notification.entity';
import { NotificationPreferenceEntity } from '../notifications/entities/notification-preference.entity';
import { CreateNotifications1764000000600 } from '../notifications/migrations/1764000000600-create-notifications';
import { AddNotificationPreferences1764000001500 } from '../notifications/migrations/1764000001500-add-notification-preferences';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { CreateOrganizations1764000000000 } from '../organizations/migrations/1764000000000-create-organizations';
import { OutboxEventEntity } from '../outbox/entities/outbox-event.entity';
import { CreateOutbox1764000000300 } from '../outbox/migrations/1764000000300-create-outbox';
import { MemberProfileEntity } from '../people/entities/member-profile.entity';
import { CreateMemberProfiles1764000001400 } from '../people/migrations/1764000001400-create-member-profiles';
import { CreatePortrait1764000002000 } from '../portrait/migrations/1764000002000-create-portrait';
import { SearchMissEntity } from '../search/entities/search-miss.entity';
import { MergeSearchEvents1764000000700 } from '../search/migrations/1764000000700-merge-search-events';
import { RecordSearchMisses1764000001900 } from '../search/migrations/1764000001900-record-search-misses';
import { SpaceEntity } from '../spaces/entities/space.entity';
import { SpaceMemberEntity } from '../spaces/entities/space-member.entity';
import { CreateSpaces1764000000200 } from '../spaces/migrations/1764000000200-create-spaces';
import { NotifyAccessChanges1764000002100 } from '../spaces/migrations/1764000002100-notify-access-changes';
/** Every entity of every domain module: the database schema is their union. */
export const entities = [
  OrganizationEntity,
  UserEntity,
  SessionEntity,
  InvitationEntity,
  LoginFailureEntity,
  SpaceEntity,
  SpaceMemberEntity,
  OutboxEventEntity,
  TopicEntity,
  PostEntity,
  PostRevisionEntity,
  TopicReadEntity,
  TopicSubscriptionEntity,
  SpaceSubscriptionEntity,
  PostLikeEntity,
  PostFlagEntity,
  NotificationEntity,
  EventEntity,
  EventOccurrenceEntity,
  EventRsvpEntity,
  EventFollowEntity,
  EventReminderEntity,
  CalendarFeedEntity,
  ResourceEntity,
  ResourceVersionEntity,
  ChannelEntity,
  MessageEntity,
  MessageReactionEntity,
  MemberProfileEntity,
  NotificationPreferenceEntity,
  DigestScheduleEntity,
  AuditEntryEntity,
  SearchMissEntity,
  ResourceDownloadEntity,
  ChannelReadEntity,
];

/** Every migration, in the order they run. `npm run migration:generate` writes new ones; add them here. */
export const migrations = [
  CreateOrganizations1764000000000,
  CreateIdentity1764000000100,
  CreateSpaces1764000000200,
  CreateOutbox1764000000300,
  AddUserHandles1764000000400,
  CreateForums1764000000500,
  CreateNotifications1764000000600,
  MergeSearchEvents1764000000700,
  CreateEvents1764000000800,
  CreateLibrary1764000000900,
  CreateChat1764000001000,
  AddMessageRateIndex1764000001100,
  AllowDirectSpaces1764000001200,
  AddReactionsAndDirectNotifications1764000001300,
  CreateMemberProfiles1764000001400,
  AddNotificationPreferences1764000001500,
  CreateAuditLog1764000001600,
  AllowDeletedAccounts1764000001700,
  RecordDownloads1764000001800,
  RecordSearchMisses1764000001900,
  CreatePortrait1764000002000,
  NotifyAccessChanges1764000002100,
];
