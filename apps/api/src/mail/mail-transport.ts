import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { DevMail, DevMailSummary } from '@maillage/contracts';
import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Such as List-Unsubscribe. */
  headers?: Record<string, string>;
}

/** Where mail goes: an SMTP server, or the development mailbox folder. Keyed by `id` so that a retry is harmless. */
export interface MailTransport {
  send(id: string, mail: OutgoingMail): Promise<void>;
}

export class SmtpTransport implements MailTransport {
  private readonly transporter: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transporter = nodemailer.createTransport(url);
  }

  async send(id: string, mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail({ from: this.from, messageId: `<${id}@maillage>`, ...mail });
  }
}

/** Writes each message as JSON under DATA_DIR/mail, for the development mailbox page. */
export class MailboxFolderTransport implements MailTransport {
  constructor(private readonly folder: string) {}

  async send(id: string, mail: OutgoingMail): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    const stored: DevMail = { id, ...mail, sentAt: new Date().toISOString() };
    const target = join(this.folder, `${id}.json`);
    // Written aside then renamed, so that the mailbox never lists a half-written message.
    await writeFile(`${target}.tmp`, JSON.stringify(stored, null, 2));
    await rename(`${target}.tmp`, target);
  }

  async list(): Promise<DevMailSummary[]> {
    const names = await readdir(this.folder).catch(() => [] as string[]);
    const messages = await Promise.all(
      names.filter((name) => name.endsWith('.json')).map((name) => this.read(name.slice(0, -'.json'.length))),
    );
    return messages
      .filter((message): message is DevMail => message !== undefined)
      .map(({ id, to, subject, sentAt }) => ({ id, to, subject, sentAt }))
      .sort((a, b) => b.sentAt.localeCompare(a.sentAt));
  }

  async read(id: string): Promise<DevMail | undefined> {
    try {
      return JSON.parse(await readFile(join(this.folder, `${id}.json`), 'utf8')) as DevMail;
    } catch {
      return undefined;
    }
  }
}
