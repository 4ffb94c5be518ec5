import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, MoreThan, Not, Repository } from 'typeorm';

import { DatabaseChannels } from '../database/database-channels';
import { newId } from '../database/ids';
import { NotifiedCache } from '../database/notified-cache';
import { PreparedStatements } from '../database/prepared-statements';
import { SessionEntity } from './entities/session.entity';
import { TokenHasher } from './token-hasher';
import type { Viewer } from './viewer';

export const SESSION_REVOCATIONS = 'maillage_session_revocations';

export const SESSION_LIFETIME_MS = 30 * 24 * 3600 * 1000;
/** A session's expiry slides forward at most this often, so that a busy member does not write on every request. */
const TOUCH_INTERVAL_MS = 60 * 1000;

/**
 * How long a process trusts a resolved session without asking the database again: it saves a query on every request
 * (bench/forums). Logout, revocation, password change, role change and deactivation evict at once everywhere: they
 * NOTIFY on commit, and every api process hears it (DatabaseChannels). While that channel is down nothing is cached.
 */
const CACHE_TTL_MS = 5_000;
const CACHE_MAX_ENTRIES = 10_000;

export interface ResolvedSession {
  viewer: Viewer;
  expiresAt: Date;
  /** True when the expiry just moved: the cookie should be set again with the new date. */
  renewed: boolean;
}

@Injectable()
export class SessionsService implements OnModuleInit {
  /** By token, not by its HMAC: a cached request computes no hash (1.5% of the api's CPU per search). */
  private readonly cache = new NotifiedCache<{ resolved: ResolvedSession; cachedAt: number }>(CACHE_MAX_ENTRIES);

  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly tokens: TokenHasher,
    private readonly prepared: PreparedStatements,
    private readonly channels: DatabaseChannels,
  ) {}

  /** Revocations by any process (api replicas, the admin tool) evict here; the cache is used only while heard. */
  onModuleInit(): void {
    this.cache.listen(this.channels, SESSION_REVOCATIONS, (userId) => (entry) => entry.resolved.viewer.id === userId);
  }

  async open(
    userId: string,
    userAgent: string | undefined,
    manager?: EntityManager,
  ): Promise<{ token: string; expiresAt: Date }> {
    const { token, hash } = this.tokens.issue();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
    const repository = manager ? manager.getRepository(SessionEntity) : this.sessions;
    await repository.insert({
      id: newId(),
      userId,
      tokenHash: hash,
      userAgent: userAgent?.slice(0, 300) ?? null,
      lastSeenAt: now,
      expiresAt,
    });
    return { token, expiresAt };
  }

  /** The viewer of a session token, if the session is live and its account active; slides the expiry. */
  async resolve(token: string): Promise<ResolvedSession | undefined> {
    const now = Date.now();
    const cached = this.cache.get(token);
    if (cached && now - cached.cachedAt < CACHE_TTL_MS && cached.resolved.expiresAt.getTime() > now) {
      return { ...cached.resolved, renewed: false };
    }
    this.cache.delete(token);
    const entry = await this.cache.load(token, async () => {
      const resolved = await this.lookup(this.tokens.hash(token), now);
      return resolved && { resolved, cachedAt: now };
    });
    return entry?.resolved;
  }

  /** Forgets what this process cached of a member's sessions; `keepSessionId` survives. */
  forgetUser(userId: string, keepSessionId?: string): void {
    this.cache.forgetWhere(
      ({ resolved }) => resolved.viewer.id === userId && resolved.viewer.sessionId !== keepSessionId,
    );
  }

  /** Tells every api process, when the surrounding transaction commits, to forget the member's cached sessions. */
  async announceRevocation(userId: string, manager?: EntityManager): Promise<void> {
    this.forgetUser(userId);
    await (manager ?? this.sessions.manager).query(`SELECT pg_notify('${SESSION_REVOCATIONS}', $1)`, [userId]);
  }

  private async lookup(hash: Buffer, now: number): Promise<ResolvedSession | undefined> {
    const [row] = await this.prepared.rows<{
      id: string;
      lastSeenAt: Date;
      expiresAt: Date;
      userId: string;
      role: Viewer['role'];
    }>(
      `SELECT s.id, s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt", u.id AS "userId", u.role
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.expires_at > now() AND u.status = 'active'`,
      [hash],
    );
    if (!row) return undefined;
    const viewer: Viewer = { id: row.userId, role: row.role, sessionId: row.id };
    if (now - row.lastSeenAt.getTime() < TOUCH_INTERVAL_MS) return { viewer, expiresAt: row.expiresAt, renewed: false };
    const expiresAt = new Date(now + SESSION_LIFETIME_MS);
    await this.sessions.update({ id: row.id }, { lastSeenAt: new Date(now), expiresAt });
    return { viewer, expiresAt, renewed: true };
  }

  listLive(userId: string): Promise<SessionEntity[]> {
    return this.sessions.find({ where: { userId, expiresAt: MoreThan(new Date()) }, order: { lastSeenAt: 'DESC' } });
  }

  /** Ends one of the user's sessions; false when the user has no such session. */
  async close(userId: string, sessionId: string): Promise<boolean> {
    const result = await this.sessions.delete({ id: sessionId, userId });
    await this.announceRevocation(userId);
    return (result.affected ?? 0) > 0;
  }

  /** Ends every session of a user, but the one named in `keep`. */
  async closeAll(userId: string, options: { keep?: string; manager?: EntityManager } = {}): Promise<void> {
    await this.announceRevocation(userId, options.manager);
    const repository = options.manager ? options.manager.getRepository(SessionEntity) : this.sessions;
    await repository.delete(options.keep ? { userId, id: Not(options.keep) } : { userId });
  }
}
