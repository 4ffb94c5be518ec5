import { createHmac, timingSafeEqual } from 'node:crypto';

import { UnsubscribeTarget } from '@maillage/contracts';
import { Inject, Injectable } from '@nestjs/common';

import { AppConfig } from '../config/app-config';

/**
 * Unsubscribe links: `<member>.<what>.<signature>`, signed with SESSION_SECRET for this use only. A link stops one kind
 * of email (or the digest) for one member; it cannot be turned into another kind's or another member's.
 */
@Injectable()
export class UnsubscribeTokens {
  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  private signature(userId: string, target: UnsubscribeTarget): Buffer {
    return createHmac('sha256', this.config.sessionSecret).update(`unsubscribe:${userId}:${target}`).digest();
  }

  issue(userId: string, target: UnsubscribeTarget): string {
    return `${userId}.${target}.${this.signature(userId, target).toString('base64url')}`;
  }

  /** The member and what to stop, or undefined for a token this server did not sign. */
  verify(token: string): { userId: string; target: UnsubscribeTarget } | undefined {
    const [userId, target, signature, ...rest] = token.split('.');
    if (!userId || !target || !signature || rest.length > 0) return undefined;
    const parsed = UnsubscribeTarget.safeParse(target);
    if (!parsed.success || !/^[0-9a-f-]{36}$/.test(userId)) return undefined;
    const expected = this.signature(userId, parsed.data);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return { userId, target: parsed.data };
  }
}
