import { IdParam } from './common';
import {
  AcceptInvitationRequest,
  ChangePasswordRequest,
  CreateInvitationRequest,
  Invitation,
  InvitationList,
  InvitationPreview,
  InvitationTokenParam,
  LoginRequest,
  Me,
  Member,
  MemberList,
  MemberListQuery,
  SessionList,
  UpdateMemberRequest,
} from './identity';
import { DevMail, DevMailList, DevMailParam, Health } from './operations';
import { OrganizationList } from './organizations';
import { route } from './route';
import {
  AddSpaceMemberRequest,
  CreateSpaceRequest,
  Space,
  SpaceList,
  SpaceMemberList,
  SpaceMemberParams,
  UpdateSpaceRequest,
} from './spaces';

export const authRoutes = {
  login: route({
    method: 'post',
    path: '/auth/login',
    summary: 'Open a session',
    tag: 'identity',
    access: 'public',
    body: LoginRequest,
    status: 204,
  }),
  logout: route({
    method: 'post',
    path: '/auth/logout',
    summary: 'Close this session',
    tag: 'identity',
    access: 'member',
    status: 204,
  }),
  me: route({
    method: 'get',
    path: '/me',
    summary: 'The signed-in member',
    tag: 'identity',
    access: 'member',
    response: Me,
  }),
  changePassword: route({
    method: 'post',
    path: '/me/password',
    summary: 'Change my password; ends my other sessions',
    tag: 'identity',
    access: 'member',
    body: ChangePasswordRequest,
    status: 204,
  }),
  listSessions: route({
    method: 'get',
    path: '/me/sessions',
    summary: 'My open sessions',
    tag: 'identity',
    access: 'member',
    response: SessionList,
  }),
  revokeSession: route({
    method: 'delete',
    path: '/me/sessions/{id}',
    summary: 'Revoke one of my sessions',
    tag: 'identity',
    access: 'member',
    params: IdParam,
    status: 204,
  }),
};

export const invitationRoutes = {
  create: route({
    method: 'post',
    path: '/invitations',
    summary: 'Invite a person by email (admins and moderators)',
    tag: 'identity',
    access: 'staff',
    body: CreateInvitationRequest,
    response: Invitation,
    status: 201,
  }),
  list: route({
    method: 'get',
    path: '/invitations',
    summary: 'Invitations sent',
    tag: 'identity',
    access: 'staff',
    response: InvitationList,
  }),
  revoke: route({
    method: 'delete',
    path: '/invitations/{id}',
    summary: 'Revoke a pending invitation',
    tag: 'identity',
    access: 'staff',
    params: IdParam,
    status: 204,
  }),
  preview: route({
    method: 'get',
    path: '/invitations/{token}',
    summary: 'What an invitation link offers',
    tag: 'identity',
    access: 'public',
    params: InvitationTokenParam,
    response: InvitationPreview,
  }),
  accept: route({
    method: 'post',
    path: '/invitations/{token}/accept',
    summary: 'Accept an invitation: create the account and open a session',
    tag: 'identity',
    access: 'public',
    params: InvitationTokenParam,
    body: AcceptInvitationRequest,
    status: 204,
  }),
};

export const memberRoutes = {
  list: route({
    method: 'get',
    path: '/admin/members',
    summary: 'Accounts, for administration',
    tag: 'identity',
    access: 'staff',
    query: MemberListQuery,
    response: MemberList,
  }),
  update: route({
    method: 'patch',
    path: '/admin/members/{id}',
    summary: 'Change a member’s role or deactivate the account (admins)',
    tag: 'identity',
    access: 'admin',
    params: IdParam,
    body: UpdateMemberRequest,
    response: Member,
  }),
};

export const organizationRoutes = {
  list: route({
    method: 'get',
    path: '/organizations',
    summary: 'Organizations of the network',
    tag: 'organizations',
    access: 'member',
    response: OrganizationList,
  }),
};

export const spaceRoutes = {
  list: route({
    method: 'get',
    path: '/spaces',
    summary: 'Spaces I may see',
    tag: 'spaces',
    access: 'member',
    response: SpaceList,
  }),
  get: route({
    method: 'get',
    path: '/spaces/{id}',
    summary: 'One space',
    tag: 'spaces',
    access: 'member',
    params: IdParam,
    response: Space,
  }),
  create: route({
    method: 'post',
    path: '/spaces',
    summary: 'Create a space (admins)',
    tag: 'spaces',
    access: 'admin',
    body: CreateSpaceRequest,
    response: Space,
    status: 201,
  }),
  update: route({
    method: 'patch',
    path: '/spaces/{id}',
    summary: 'Rename a space or change its visibility (admins)',
    tag: 'spaces',
    access: 'admin',
    params: IdParam,
    body: UpdateSpaceRequest,
    response: Space,
  }),
  listMembers: route({
    method: 'get',
    path: '/spaces/{id}/members',
    summary: 'Members of a space',
    tag: 'spaces',
    access: 'member',
    params: IdParam,
    response: SpaceMemberList,
  }),
  addMember: route({
    method: 'post',
    path: '/spaces/{id}/members',
    summary: 'Add a member to a space (admins)',
    tag: 'spaces',
    access: 'admin',
    params: IdParam,
    body: AddSpaceMemberRequest,
    status: 204,
  }),
  removeMember: route({
    method: 'delete',
    path: '/spaces/{id}/members/{userId}',
    summary: 'Remove a member from a space (admins)',
    tag: 'spaces',
    access: 'admin',
    params: SpaceMemberParams,
    status: 204,
  }),
};

export const operationRoutes = {
  devMailbox: route({
    method: 'get',
    path: '/dev/mail',
    summary: 'Messages written to the development mailbox (not in production)',
    tag: 'operations',
    access: 'public',
    response: DevMailList,
  }),
  devMail: route({
    method: 'get',
    path: '/dev/mail/{id}',
    summary: 'One message of the development mailbox (not in production)',
    tag: 'operations',
    access: 'public',
    params: DevMailParam,
    response: DevMail,
  }),
};

/** Served at /api/health, outside /api/v1, so that probes need no version. */
export const healthRoute = route({
  method: 'get',
  path: '/health',
  summary: 'Database, search and outbox status',
  tag: 'operations',
  access: 'public',
  response: Health,
  unversioned: true,
});

export const allRouteGroups = {
  auth: authRoutes,
  invitations: invitationRoutes,
  members: memberRoutes,
  organizations: organizationRoutes,
  spaces: spaceRoutes,
  operations: operationRoutes,
};
