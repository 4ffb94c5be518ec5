import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

import { unauthenticated } from '../common/http/problems';
import type { Viewer } from './viewer';

/** The signed-in member; only on routes whose access is not public (AuthGuard has checked it). */
export const CurrentViewer = createParamDecorator((_data: unknown, context: ExecutionContext): Viewer => {
  const viewer = context.switchToHttp().getRequest<Request>().viewer;
  if (!viewer) throw unauthenticated();
  return viewer;
});
