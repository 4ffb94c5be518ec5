import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { OutboxService } from '../outbox/outbox.service';
import { MAIL_TRANSPORT } from './mail.tokens';
import type { MailTransport, OutgoingMail } from './mail-transport';

const SEND_MAIL = 'mail.send';

/** Mail leaves through the outbox: queued with the write that causes it, sent after commit, retried until it goes. */
@Injectable()
export class MailService implements OnModuleInit {
  constructor(
    private readonly outbox: OutboxService,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
  ) {}

  onModuleInit(): void {
    this.outbox.register(SEND_MAIL, (payload, event) =>
      this.transport.send(event.id, payload as unknown as OutgoingMail),
    );
  }

  queue(manager: EntityManager, mail: OutgoingMail): Promise<string> {
    return this.outbox.enqueue(manager, SEND_MAIL, { ...mail });
  }
}
