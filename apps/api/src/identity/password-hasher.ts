import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (19 MiB, 2 passes, as OWASP recommends). */
@Injectable()
export class PasswordHasher {
  /** Verified when the email matches no account, so that a wrong email costs as long as a wrong password. */
  private readonly decoy = hash('maillage-decoy-password');

  hash(password: string): Promise<string> {
    return hash(password);
  }

  async verify(passwordHash: string | undefined, password: string): Promise<boolean> {
    try {
      const matches = await verify(passwordHash ?? (await this.decoy), password);
      return matches && passwordHash !== undefined;
    } catch {
      return false;
    }
  }
}
