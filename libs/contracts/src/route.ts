import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** Who may call a route; the api's guard enforces it and the OpenAPI document states it. */
export type RouteAccess = 'public' | 'member' | 'staff' | 'admin';

/**
 * One REST route of /api/v1, described once: the api binds its controller method to it and validates with its
 * schemas, the web client types its calls with it, and the OpenAPI document is generated from it.
 */
export interface RouteContract {
  method: HttpMethod;
  /** Path under /api/v1, with parameters written `{name}`. */
  path: string;
  summary: string;
  tag: string;
  access: RouteAccess;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  /** Success status; 200 unless stated. */
  status?: number;
  /** Served under /api rather than /api/v1 (the health probe). */
  unversioned?: boolean;
}

export const route = <T extends RouteContract>(contract: T): T => contract;

export type BodyOf<R extends RouteContract> = R['body'] extends z.ZodType ? z.input<R['body']> : never;
export type QueryOf<R extends RouteContract> = R['query'] extends z.ZodType ? z.input<R['query']> : never;
export type ResponseOf<R extends RouteContract> = R['response'] extends z.ZodType ? z.infer<R['response']> : void;
