import { randomBytes } from 'node:crypto';

import type {
  ContactVisibility,
  Member,
  MemberList,
  MemberListQuery,
  Role,
  UpdateMemberRequest,
} from '@maillage/contracts';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, Repository } from 'typeorm';

import { AuditLog, type AuditRecord } from '../audit/audit-log';
import { decodeCursor, encodeCursor } from '../common/http/cursor';
import { conflict, forbidden, invalid, notFound, Problem } from '../common/http/problems';
import { newId } from '../database/ids';
import { OrganizationsService } from '../organizations/organizations.service';
import { OutboxService } from '../outbox/outbox.service';
import { SEARCH_INDEX, type SearchSyncPayload } from '../search/search-events';
import { visibleContact } from './contact-visibility';
import { UserEntity } from './entities/user.entity';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordHasher } from './password-hasher';
import { SessionsService } from './sessions.service';
import type { Viewer } from './viewer';

export interface NewAccount {
  email: string;
  displayName: string;
  title?: string;
  role: Role;
  organizationId: string | null;
  password: string;
}

/** A readable one-time password for accounts created or reset from the command line. */
export const generatePassword = (): string => randomBytes(12).toString('base64url');

@Injectable()
export class IdentityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleService,
    private readonly organizations: OrganizationsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditLog,
  ) {}

  /** Checks the credentials and opens a session. Unknown email and wrong password read the same to the caller. */
  async login(email: string, password: string, address: string, userAgent: string | undefined) {
    await this.throttle.assertAllowed(email, address);
    const user = await this.users.findOneBy({ email });
    if (!(await this.passwords.verify(user?.passwordHash, password)) || !user) {
      await this.throttle.recordFailure(email, address);
      throw new Problem(
        HttpStatus.UNAUTHORIZED,
        'invalid-credentials',
        'Connexion refusée',
        'Courriel ou mot de passe incorrect.',
      );
    }
    if (user.status !== 'active') {
      throw new Problem(
        HttpStatus.FORBIDDEN,
        'account-deactivated',
        'Compte désactivé',
        'Ce compte a été désactivé. Communiquez avec la coordination du CRD.',
      );
    }
    await this.throttle.forget(email);
    return this.sessions.open(user.id, userAgent);
  }

  /** Creates an account inside the caller's transaction; the email must be free. */
  async createAccount(manager: EntityManager, account: NewAccount): Promise<UserEntity> {
    const repository = manager.getRepository(UserEntity);
    if (await repository.existsBy({ email: account.email })) {
      throw conflict('Un compte existe déjà pour cette adresse courriel.', [
        { path: 'body.email', message: 'Adresse déjà utilisée' },
      ]);
    }
    const passwordHash = await this.passwords.hash(account.password);
    // Two accounts with the same name created at once may both find a handle free: the loser takes the next one.
    for (let attempt = 0; ; attempt += 1) {
      const user = repository.create({
        id: newId(),
        email: account.email,
        displayName: account.displayName,
        handle: await this.freeHandle(manager, account.displayName),
        title: account.title ?? '',
        role: account.role,
        status: 'active',
        organizationId: account.organizationId,
        passwordHash,
      });
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(UserEntity)
        .values(user)
        .orUpdate([], ['handle'])
        .returning('id')
        .execute();
      if (inserted.raw.length > 0) {
        await this.outbox.enqueue(manager, SEARCH_INDEX, { type: 'person', id: user.id } satisfies SearchSyncPayload);
        return user;
      }
      if (attempt >= 5) throw conflict('Impossible de réserver un identifiant pour ce nom; réessayez.');
    }
  }

  /** For the command-line tool: an administrator attached to the CRD (when it exists). */
  async createAdmin(email: string, displayName: string, password?: string) {
    const chosen = password ?? generatePassword();
    const crd = await this.organizations.findBySlug('crd');
    const user = await this.dataSource.transaction((manager) =>
      this.createAccount(manager, {
        email: email.toLowerCase(),
        displayName,
        role: 'admin',
        organizationId: crd?.id ?? null,
        password: chosen,
      }),
    );
    return { user, password: chosen, generated: password === undefined };
  }

  /** 'Geneviève Côté' → 'genevieve.cote', or 'genevieve.cote-2' when taken. */
  private async freeHandle(manager: EntityManager, displayName: string): Promise<string> {
    const base =
      displayName
        .normalize('NFD')
        .replace(/\p{Diacritic}/gu, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '.')
        .replace(/^\.+|\.+$/g, '')
        .slice(0, 30) || 'membre';
    const rows: { handle: string }[] = await manager.query(
      `SELECT handle FROM users WHERE handle = $1 OR handle LIKE $2`,
      [base, `${base}-%`],
    );
    const taken = new Set(rows.map((row) => row.handle));
    let handle = base;
    for (let suffix = 2; taken.has(handle); suffix += 1) handle = `${base}-${suffix}`;
    return handle;
  }

  findByHandles(handles: readonly string[]): Promise<UserEntity[]> {
    return handles.length === 0
      ? Promise.resolve([])
      : this.users.findBy({ handle: In([...new Set(handles)]), status: 'active' });
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ email: email.toLowerCase() });
  }

  async activeUsersByIds(ids: readonly string[]): Promise<Map<string, UserEntity>> {
    if (ids.length === 0) return new Map();
    const rows = await this.users.findBy({ id: In([...new Set(ids)]), status: 'active' });
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Whether this is the member's password: what erasing an account asks for again. */
  async checkPassword(userId: string, password: string): Promise<boolean> {
    const user = await this.users.findOneByOrFail({ id: userId });
    return this.passwords.verify(user.passwordHash, password);
  }

  async changePassword(viewer: Viewer, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.users.findOneByOrFail({ id: viewer.id });
    if (!(await this.passwords.verify(user.passwordHash, currentPassword))) {
      throw invalid('body.currentPassword', 'Mot de passe actuel incorrect');
    }
    const passwordHash = await this.passwords.hash(newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(UserEntity).update({ id: user.id }, { passwordHash });
      await this.sessions.closeAll(user.id, { keep: viewer.sessionId, manager });
    });
  }

  /** Sets a new password (a generated one when none is given) and ends every session of the account. */
  async resetPassword(email: string, password = generatePassword()): Promise<{ user: UserEntity; password: string }> {
    const user = await this.findByEmail(email);
    if (!user) throw notFound(`Aucun compte pour ${email}.`);
    const passwordHash = await this.passwords.hash(password);
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(UserEntity).update({ id: user.id }, { passwordHash });
      await this.sessions.closeAll(user.id, { manager });
    });
    return { user, password };
  }

  /** Deactivation ends every session at once; the account's content stays. */
  async setStatus(userId: string, status: UserEntity['status'], audited: AuditRecord): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(UserEntity).update({ id: userId }, { status });
      await this.audit.record(manager, audited);
      await this.outbox.enqueue(manager, SEARCH_INDEX, { type: 'person', id: userId } satisfies SearchSyncPayload);
      if (status === 'deactivated') await this.sessions.closeAll(userId, { manager });
    });
  }

  async listMembers(viewer: Viewer, query: MemberListQuery): Promise<MemberList> {
    const builder = this.users
      .createQueryBuilder('user')
      .orderBy('user.display_name', 'ASC')
      .addOrderBy('user.id', 'ASC');
    if (query.q) {
      // Only administrators find accounts by an address its member may hide from moderators.
      const byEmail = viewer.role === 'admin' ? ' OR user.email ILIKE :pattern' : '';
      builder.andWhere(`(user.display_name ILIKE :pattern${byEmail})`, {
        pattern: `%${query.q.replace(/[\\%_]/g, (match) => `\\${match}`)}%`,
      });
    }
    if (query.cursor) {
      const [name, id] = decodeCursor<[string, string]>(query.cursor, 2);
      builder.andWhere('(user.display_name, user.id) > (:name, :id)', { name, id });
    }
    const rows = await builder.limit(query.limit + 1).getMany();
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: await this.presentMembers(viewer, page),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.displayName, last.id]) : null,
    };
  }

  /** An admin changes a role or deactivates an account; the network always keeps one active admin. */
  async updateMember(viewer: Viewer, userId: string, change: UpdateMemberRequest): Promise<Member> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw notFound('Ce compte n’existe pas.');
    const losesAdmin =
      user.role === 'admin' &&
      user.status === 'active' &&
      ((change.role ?? 'admin') !== 'admin' || change.status === 'deactivated');
    if (losesAdmin && (await this.activeAdminCount()) <= 1) {
      throw conflict('Le réseau doit garder au moins un administrateur actif.');
    }
    if (userId === viewer.id && change.status === 'deactivated')
      throw forbidden('Vous ne pouvez pas désactiver votre propre compte.');
    const target = `${user.displayName} <${user.email}>`;
    if (change.role && change.role !== user.role) {
      await this.dataSource.transaction(async (manager) => {
        await manager.getRepository(UserEntity).update({ id: userId }, { role: change.role });
        await this.audit.record(manager, {
          action: 'member.role-changed',
          actorId: viewer.id,
          target,
          details: { from: user.role, to: change.role! },
        });
      });
      await this.sessions.announceRevocation(userId);
    }
    if (change.status && change.status !== user.status) {
      await this.setStatus(userId, change.status, {
        action: change.status === 'deactivated' ? 'member.deactivated' : 'member.reactivated',
        actorId: viewer.id,
        target,
      });
    }
    const updated = await this.users.findOneByOrFail({ id: userId });
    const [member] = await this.presentMembers(viewer, [updated]);
    return member!;
  }

  activeAdminCount(): Promise<number> {
    return this.users.countBy({ role: 'admin', status: 'active' });
  }

  /** Accounts as `viewer` may see them: an email its member hides shows only to the member and administrators. */
  async presentMembers(viewer: Viewer, users: UserEntity[]): Promise<Member[]> {
    const [organizations, visibilities] = await Promise.all([
      this.organizations.summariesByIds(users.map((user) => user.organizationId)),
      this.users.query(
        'SELECT user_id AS "userId", email_visibility AS visibility FROM member_profiles WHERE user_id = ANY($1)',
        [users.map((user) => user.id)],
      ) as Promise<{ userId: string; visibility: ContactVisibility }[]>,
    ]);
    const hidden = new Map(visibilities.map((row) => [row.userId, row.visibility]));
    return users.map((user) => ({
      id: user.id,
      email: visibleContact(viewer, {
        id: user.id,
        email: user.email,
        phone: '',
        emailVisibility: hidden.get(user.id) ?? 'members',
        phoneVisibility: 'nobody',
      }).email,
      displayName: user.displayName,
      handle: user.handle,
      title: user.title,
      role: user.role,
      status: user.status,
      organization: user.organizationId ? (organizations.get(user.organizationId) ?? null) : null,
      createdAt: user.createdAt.toISOString(),
    }));
  }
}
