import type { CookieOptions, Response } from 'express';

export const SESSION_COOKIE = 'maillage_session';
export const CSRF_COOKIE = 'maillage_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const base = (secure: boolean): CookieOptions => ({ path: '/', sameSite: 'lax', secure });

export function setSessionCookie(response: Response, token: string, expires: Date, secure: boolean): void {
  response.cookie(SESSION_COOKIE, token, { ...base(secure), httpOnly: true, expires });
}

export function clearSessionCookie(response: Response, secure: boolean): void {
  response.clearCookie(SESSION_COOKIE, { ...base(secure), httpOnly: true });
}

/** Readable by the web client, which echoes it in X-CSRF-Token (double submit). */
export function setCsrfCookie(response: Response, token: string, secure: boolean): void {
  response.cookie(CSRF_COOKIE, token, { ...base(secure), httpOnly: false });
}
