import type { RouteContract } from '@maillage/contracts';
import {
  applyDecorators,
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  HttpCode,
  Injectable,
  RequestMapping,
  RequestMethod,
  SetMetadata,
} from '@nestjs/common';
import type { Request } from 'express';
import type { z } from 'zod';

import { type FieldProblem, ValidationProblem } from './problems';

export const ROUTE_CONTRACT = 'maillage:route-contract';

const methods: Record<RouteContract['method'], RequestMethod> = {
  get: RequestMethod.GET,
  post: RequestMethod.POST,
  patch: RequestMethod.PATCH,
  put: RequestMethod.PUT,
  delete: RequestMethod.DELETE,
};

/** The path under /api: '/spaces/{id}/members' → '/v1/spaces/:id/members'. */
export const expressPath = (contract: Pick<RouteContract, 'path' | 'unversioned'>): string =>
  (contract.unversioned ? '' : '/v1') + contract.path.replace(/\{(\w+)\}/g, ':$1');

/** Binds a controller method to its contract: method, path, success status, and access (see AuthGuard). */
export function Endpoint(contract: RouteContract): MethodDecorator {
  return applyDecorators(
    RequestMapping({ path: expressPath(contract), method: methods[contract.method] }),
    HttpCode(contract.status ?? 200),
    SetMetadata(ROUTE_CONTRACT, contract),
  );
}

type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;

/** zod's issues as field problems under a path such as `body` or `body.metadata` (empty: the paths as they are). */
const fieldProblems = (issues: z.core.$ZodIssue[], at: string): FieldProblem[] =>
  issues.map((issue) => ({
    path: [...(at ? [at] : []), ...issue.path.map(String)].join('.') || 'body',
    message: issue.message,
  }));

/**
 * A value checked against a schema outside a route's own input (a multipart part, a row of an import sheet): its
 * output, or a ValidationProblem naming each field under `at`.
 */
export function validated<T extends z.ZodType>(schema: T, value: unknown, at: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationProblem(fieldProblems(result.error.issues, at));
  return result.data;
}

/** The validated params, query and body of a request, typed by its contract. */
export interface InputOf<R extends RouteContract> {
  params: Parsed<R['params']>;
  query: Parsed<R['query']>;
  body: Parsed<R['body']>;
}

const isEmptyBody = (body: unknown) =>
  body === undefined || body === null || (typeof body === 'object' && Object.keys(body).length === 0);

/**
 * Validates params, query and body against the contract of the route and reports every problem at once, with
 * paths such as `body.email` or `query.limit`. A route with no body schema refuses a non-empty body.
 */
export function parseInput(contract: RouteContract, request: Pick<Request, 'params' | 'query' | 'body'>) {
  const issues: { path: string; message: string }[] = [];
  const parsePart = (location: 'params' | 'query' | 'body', schema: z.ZodType | undefined, value: unknown) => {
    if (!schema) {
      if (location === 'body' && !isEmptyBody(value))
        issues.push({ path: 'body', message: 'Cette route n’accepte pas de corps' });
      return undefined;
    }
    const result = schema.safeParse(value ?? (location === 'body' ? undefined : {}));
    if (result.success) return result.data;
    issues.push(...fieldProblems(result.error.issues, location));
    return undefined;
  };
  const input = {
    params: parsePart('params', contract.params, request.params),
    query: parsePart('query', contract.query, request.query),
    body: parsePart('body', contract.body, request.body),
  };
  if (issues.length > 0) throw new ValidationProblem(issues);
  return input;
}

const PARSED_INPUT = Symbol('parsed input');
type RequestWithInput = Request & { [PARSED_INPUT]?: ReturnType<typeof parseInput> };

/**
 * Validates every request against its route's contract, whether or not the handler reads its input. Registered after
 * the auth guard, so that an anonymous caller learns it must sign in before learning what is wrong with its input.
 */
@Injectable()
export class ContractInputGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const contract = Reflect.getMetadata(ROUTE_CONTRACT, context.getHandler()) as RouteContract | undefined;
    if (!contract) return true;
    const request = context.switchToHttp().getRequest<RequestWithInput>();
    request[PARSED_INPUT] = parseInput(contract, request);
    return true;
  }
}

/** The request's params, query and body as validated by ContractInputGuard. */
export const Input = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const input = context.switchToHttp().getRequest<RequestWithInput>()[PARSED_INPUT];
  if (!input) throw new Error(`@Input() used on ${context.getHandler().name}, which has no @Endpoint()`);
  return input;
});
