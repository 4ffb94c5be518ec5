import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, MoreThan, Not, Repository } from 'typeorm';

import { newId } from '../database/ids';
import { PreparedReader } from '../database/prepared-reader';
import { SessionEntity } from './entities/session.entity';
import { TokenHasher } from './token-hasher';
import type { Viewer } from './viewer';

export const SESSION_LIFETIME_MS = 30 * 24 * 3600 * 1000;
/** A session's expiry slides forward at most this often, so that a busy member does not write on every request. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export interface ResolvedSession {
  viewer: Viewer;
  expiresAt: Date;
  /** True when the expiry just moved: the cookie should be set again with the new date. */
  renewed: boolean;
}

@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly tokens: TokenHasher,
    private readonly reader: PreparedReader,
  ) {}

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
    const [row] = await this.reader.rows<{
      id: string;
      lastSeenAt: Date;
      expiresAt: Date;
      userId: string;
      role: Viewer['role'];
    }>(
      `SELECT s.id, s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt", u.id AS "userId", u.role
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.expires_at > now() AND u.status = 'active'`,
      [this.tokens.hash(token)],
    );
    if (!row) return undefined;
    const viewer: Viewer = { id: row.userId, role: row.role, sessionId: row.id };
    const now = Date.now();
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
    return (result.affected ?? 0) > 0;
  }

  /** Ends every session of a user, but the one named in `keep`. */
  async closeAll(userId: string, options: { keep?: string; manager?: EntityManager } = {}): Promise<void> {
    const repository = options.manager ? options.manager.getRepository(SessionEntity) : this.sessions;
    await repository.delete(options.keep ? { userId, id: Not(options.keep) } : { userId });
  }
}
