import { type DevMail, type DevMailList, operationRoutes } from '@maillage/contracts';
import { Controller, Inject } from '@nestjs/common';

import { Endpoint, Input, type InputOf } from '../common/http/endpoint';
import { notFound } from '../common/http/problems';
import { MAIL_TRANSPORT } from './mail.tokens';
import { MailboxFolderTransport, type MailTransport } from './mail-transport';

/** The development mailbox: mail written under DATA_DIR/mail when no SMTP_URL is set. Never mounted in production. */
@Controller()
export class DevMailboxController {
  constructor(@Inject(MAIL_TRANSPORT) private readonly transport: MailTransport) {}

  @Endpoint(operationRoutes.devMailbox)
  async list(): Promise<DevMailList> {
    return { items: this.transport instanceof MailboxFolderTransport ? await this.transport.list() : [] };
  }

  @Endpoint(operationRoutes.devMail)
  async get(@Input() { params }: InputOf<typeof operationRoutes.devMail>): Promise<DevMail> {
    const mail = this.transport instanceof MailboxFolderTransport ? await this.transport.read(params.id) : undefined;
    if (!mail) throw notFound('Ce message n’existe pas.');
    return mail;
  }
}
