import { type AuditPage, auditRoutes } from '@maillage/contracts';
import { Controller } from '@nestjs/common';

import { Endpoint, Input, type InputOf } from '../common/http/endpoint';
import { AuditLog } from './audit-log';

@Controller()
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Endpoint(auditRoutes.list)
  list(@Input() { query }: InputOf<typeof auditRoutes.list>): Promise<AuditPage> {
    return this.audit.list(query);
  }
}
