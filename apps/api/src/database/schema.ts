import { InvitationEntity } from '../identity/entities/invitation.entity';
import { LoginFailureEntity } from '../identity/entities/login-failure.entity';
import { SessionEntity } from '../identity/entities/session.entity';
import { UserEntity } from '../identity/entities/user.entity';
import { CreateIdentity1764000000100 } from '../identity/migrations/1764000000100-create-identity';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { CreateOrganizations1764000000000 } from '../organizations/migrations/1764000000000-create-organizations';
import { OutboxEventEntity } from '../outbox/entities/outbox-event.entity';
import { CreateOutbox1764000000300 } from '../outbox/migrations/1764000000300-create-outbox';
import { SpaceEntity } from '../spaces/entities/space.entity';
import { SpaceMemberEntity } from '../spaces/entities/space-member.entity';
import { CreateSpaces1764000000200 } from '../spaces/migrations/1764000000200-create-spaces';
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
];

/** Every migration, in the order they run. `npm run migration:generate` writes new ones; add them here. */
export const migrations = [
  CreateOrganizations1764000000000,
  CreateIdentity1764000000100,
  CreateSpaces1764000000200,
  CreateOutbox1764000000300,
];
