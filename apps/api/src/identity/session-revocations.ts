import { Injectable, type OnModuleInit } from '@nestjs/common';

import { DatabaseChannels } from '../database/database-channels';
import { SESSION_REVOCATIONS, SessionsService } from './sessions.service';

/**
 * Evicts from this process's session cache the sessions revoked by any process (api replicas, the admin tool). The
 * cache is only used while the channel is heard.
 */
@Injectable()
export class SessionRevocations implements OnModuleInit {
  constructor(
    private readonly sessions: SessionsService,
    private readonly channels: DatabaseChannels,
  ) {}

  onModuleInit(): void {
    this.channels.subscribe(SESSION_REVOCATIONS, {
      notified: (userId) => {
        if (userId) this.sessions.forgetUser(userId);
      },
      heard: () => {
        this.sessions.forgetAll();
        this.sessions.cacheEnabled = true;
      },
      lost: () => {
        this.sessions.cacheEnabled = false;
        this.sessions.forgetAll();
      },
    });
  }
}
