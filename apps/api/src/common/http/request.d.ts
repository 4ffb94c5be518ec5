import type { Viewer } from '../../identity/viewer';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by requestLog from X-Request-Id or a fresh UUID. */
    id: string;
    /** Set by AuthGuard when the session cookie is valid. */
    viewer?: Viewer;
  }
}
