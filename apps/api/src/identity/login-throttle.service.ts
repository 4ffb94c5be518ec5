import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { Problem } from '../common/http/problems';
import { newId } from '../database/ids';
import { LoginFailureEntity } from './entities/login-failure.entity';

export const LOCKOUT_WINDOW_MINUTES = 15;
/** Failures for one email within the window before it is locked. */
export const MAX_FAILURES_PER_EMAIL = 5;
/** Failures from one address within the window, whatever the emails, before it is locked. */
const MAX_FAILURES_PER_ADDRESS = 50;

/**
 * Slows password guessing: after too many failures in the window, sign-in is refused with 429 until the oldest
 * failure leaves the window. Counted in the database, so that every api process applies the same limit.
 */
@Injectable()
export class LoginThrottleService {
  constructor(@InjectRepository(LoginFailureEntity) private readonly failures: Repository<LoginFailureEntity>) {}

  async assertAllowed(email: string, address: string): Promise<void> {
    const [row] = await this.failures.query(
      `SELECT
         (SELECT count(*) FROM login_failures WHERE email = $1 AND failed_at > now() - make_interval(mins => $3))::int AS "byEmail",
         (SELECT min(failed_at) FROM (SELECT failed_at FROM login_failures WHERE email = $1 AND failed_at > now() - make_interval(mins => $3)
            ORDER BY failed_at DESC LIMIT $4) recent) AS "emailSince",
         (SELECT count(*) FROM login_failures WHERE address = $2 AND failed_at > now() - make_interval(mins => $3))::int AS "byAddress"`,
      [email, address, LOCKOUT_WINDOW_MINUTES, MAX_FAILURES_PER_EMAIL],
    );
    const lockedByEmail = row.byEmail >= MAX_FAILURES_PER_EMAIL;
    if (!lockedByEmail && row.byAddress < MAX_FAILURES_PER_ADDRESS) return;
    const since = lockedByEmail ? new Date(row.emailSince).getTime() : Date.now();
    const retryAfterSeconds = Math.max(1, Math.ceil((since + LOCKOUT_WINDOW_MINUTES * 60_000 - Date.now()) / 1000));
    const minutes = Math.ceil(retryAfterSeconds / 60);
    throw new Problem(
      HttpStatus.TOO_MANY_REQUESTS,
      'login-locked',
      'Trop de tentatives de connexion',
      `Trop de tentatives de connexion ont échoué. Par sécurité, la connexion est bloquée : réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
      undefined,
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }

  /** Records a failure and drops this email's and address's failures that left the window, so the table stays small. */
  async recordFailure(email: string, address: string): Promise<void> {
    await this.failures.insert({ id: newId(), email, address });
    await this.failures.query(
      `DELETE FROM login_failures
       WHERE (email = $1 OR address = $2) AND failed_at < now() - make_interval(mins => $3)`,
      [email, address, LOCKOUT_WINDOW_MINUTES],
    );
  }

  /** A successful sign-in forgets the email's failures. */
  async forget(email: string): Promise<void> {
    await this.failures.delete({ email });
  }
}
