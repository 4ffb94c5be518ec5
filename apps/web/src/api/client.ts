import type { ProblemDetails, RouteContract } from '@maillage/contracts';
import type { z } from 'zod';

/** A problem answered by the api (RFC 9457), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(readonly problem: ProblemDetails) {
    super(problem.detail ?? problem.title);
  }

  get status(): number {
    return this.problem.status;
  }

  /** Field messages keyed by field name (`body.email` → `email`). */
  fieldErrors(): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const error of this.problem.errors ?? []) {
      const field = error.path.replace(/^body\.?/, '') || 'form';
      fields[field] ??= error.message;
    }
    return fields;
  }
}

export interface CallInput<R extends RouteContract> {
  params?: R['params'] extends z.ZodType ? z.input<R['params']> : never;
  query?: R['query'] extends z.ZodType ? Partial<z.input<R['query']>> : never;
  body?: R['body'] extends z.ZodType ? z.input<R['body']> : never;
}

export type Output<R extends RouteContract> = R['response'] extends z.ZodType ? z.infer<R['response']> : undefined;

export const readCookie = (name: string): string =>
  document.cookie
    .split('; ')
    .find((part) => part.startsWith(`${name}=`))
    ?.slice(name.length + 1) ?? '';

export function urlOf<R extends RouteContract>(route: R, input: CallInput<R> = {}): string {
  const params = (input.params ?? {}) as Record<string, string>;
  const path = route.path.replace(/\{(\w+)\}/g, (_match, name: string) => encodeURIComponent(params[name] ?? ''));
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries((input.query ?? {}) as Record<string, unknown>)) {
    // A list is sent as a repeated parameter (`type=topic&type=post`), as the api reads it.
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null && item !== '') query.append(key, String(item));
    }
  }
  const search = query.toString();
  return `/api${route.unversioned ? '' : '/v1'}${path}${search ? `?${search}` : ''}`;
}

/** Calls one route of the api, typed by its contract; sends the CSRF token on state-changing requests. */
export async function call<R extends RouteContract>(route: R, input: CallInput<R> = {}): Promise<Output<R>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (route.method !== 'get') headers['X-CSRF-Token'] = readCookie('maillage_csrf');
  if (input.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(urlOf(route, input), {
      method: route.method.toUpperCase(),
      headers,
      credentials: 'same-origin',
      body: input.body === undefined ? undefined : JSON.stringify(input.body),
    });
  } catch {
    throw new ApiError({ type: '/problems/network', title: 'Réseau', status: 0, detail: 'network' });
  }
  if (response.status === 204) return undefined as Output<R>;
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem = (payload as ProblemDetails | undefined) ?? {
      type: '/problems/unknown',
      title: response.statusText,
      status: response.status,
    };
    throw new ApiError(problem);
  }
  return payload as Output<R>;
}
