import { join } from 'node:path';

import { type DynamicModule, Module } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { OutboxModule } from '../outbox/outbox.module';
import { DevMailboxController } from './dev-mailbox.controller';
import { MailService } from './mail.service';
import { MAIL_TRANSPORT } from './mail.tokens';
import { MailboxFolderTransport, SmtpTransport } from './mail-transport';

@Module({})
export class MailModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: MailModule,
      global: true,
      imports: [OutboxModule],
      controllers: config.isProduction ? [] : [DevMailboxController],
      providers: [
        MailService,
        {
          provide: MAIL_TRANSPORT,
          useValue: config.smtpUrl
            ? new SmtpTransport(config.smtpUrl, config.mailFrom)
            : new MailboxFolderTransport(join(config.dataDir, 'mail')),
        },
      ],
      exports: [MailService],
    };
  }
}
