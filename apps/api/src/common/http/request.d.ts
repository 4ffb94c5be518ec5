import type { Viewer } from '../../identity/viewer';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by pino-http from X-Request-Id or a fresh UUID. */
    id: string | number | object;
    /** Set by AuthGuard when the session cookie is valid. */
    viewer?: Viewer;
  }
}
