import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { OrganizationsModule } from '../organizations/organizations.module';
import { OutboxModule } from '../outbox/outbox.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { InvitationEntity } from './entities/invitation.entity';
import { LoginFailureEntity } from './entities/login-failure.entity';
import { SessionEntity } from './entities/session.entity';
import { UserEntity } from './entities/user.entity';
import { IdentityService } from './identity.service';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { LoginThrottleService } from './login-throttle.service';
import { MembersController } from './members.controller';
import { PasswordHasher } from './password-hasher';
import { SessionsService } from './sessions.service';
import { TokenHasher } from './token-hasher';

@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, SessionEntity, InvitationEntity, LoginFailureEntity]),
    OrganizationsModule,
    OutboxModule,
  ],
  controllers: [AuthController, InvitationsController, MembersController],
  providers: [
    IdentityService,
    InvitationsService,
    SessionsService,
    LoginThrottleService,
    PasswordHasher,
    TokenHasher,
    AuthGuard,
  ],
  exports: [IdentityService, AuthGuard, SessionsService, TokenHasher],
})
export class IdentityModule {}
