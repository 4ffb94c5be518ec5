import { createHmac, randomBytes } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { AppConfig } from '../config/app-config';

/**
 * Secret tokens (session cookies, invitation links) are random and only stored as an HMAC keyed by SESSION_SECRET:
 * a copy of the database alone opens no session.
 */
@Injectable()
export class TokenHasher {
  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  issue(): { token: string; hash: Buffer } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: this.hash(token) };
  }

  hash(token: string): Buffer {
    return createHmac('sha256', this.config.sessionSecret).update(token).digest();
  }
}
