import { peopleRoutes } from '@maillage/contracts';
import { Controller, Inject, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import type { Logger } from 'pino';

import { attachmentDisposition } from '../common/http/attachment';
import { clearSessionCookie } from '../common/http/cookies';
import { Endpoint, Input, type InputOf } from '../common/http/endpoint';
import { LOGGER } from '../common/logger.provider';
import { AppConfig } from '../config/app-config';
import { CurrentViewer } from '../identity/current-viewer';
import type { Viewer } from '../identity/viewer';
import { PrivacyService } from './privacy.service';

@Controller()
export class PrivacyController {
  constructor(
    private readonly privacy: PrivacyService,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Endpoint(peopleRoutes.exportMyData)
  async exportMyData(@CurrentViewer() viewer: Viewer): Promise<StreamableFile> {
    const day = new Date().toISOString().slice(0, 10);
    return new StreamableFile(await this.privacy.export(viewer, this.logger), {
      type: 'application/zip',
      disposition: attachmentDisposition(`maillage-mes-donnees-${day}.zip`),
    });
  }

  @Endpoint(peopleRoutes.deleteMyAccount)
  async deleteMyAccount(
    @CurrentViewer() viewer: Viewer,
    @Input() { body }: InputOf<typeof peopleRoutes.deleteMyAccount>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.privacy.deleteAccount(viewer, body.password);
    clearSessionCookie(response, this.config.publicUrl.startsWith('https:'));
  }
}
