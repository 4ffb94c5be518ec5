import { Global, Module } from '@nestjs/common';

import { AuditController } from './audit.controller';
import { AuditLog } from './audit-log';

/** Global: every module with administrative actions records them here. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditLog],
  exports: [AuditLog],
})
export class AuditModule {}
