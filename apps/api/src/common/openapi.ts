import { allRouteGroups, healthRoute, ProblemDetails, type RouteContract } from '@maillage/contracts';
import type { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';

import { expressPath } from './http/endpoint';

const accessNote: Record<RouteContract['access'], string> = {
  public: 'No session needed.',
  member: 'Needs a member session.',
  staff: 'Needs an administrator or moderator session.',
  admin: 'Needs an administrator session.',
};

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemDetails } },
});

function operation(contract: RouteContract): ZodOpenApiOperationObject {
  const status = String(contract.status ?? 200);
  return {
    summary: contract.summary,
    description: `${accessNote[contract.access]}${contract.method === 'get' ? '' : ' State-changing: send the maillage_csrf cookie value in X-CSRF-Token.'}`,
    tags: [contract.tag],
    requestParams: {
      ...(contract.params ? { path: contract.params as z.ZodObject } : {}),
      ...(contract.query ? { query: contract.query as z.ZodObject } : {}),
    },
    ...(contract.body ? { requestBody: json(contract.body) } : {}),
    responses: {
      [status]: contract.response ? { description: 'Success', ...json(contract.response) } : { description: 'Success' },
      '400': problem('Invalid input: `errors` lists each field'),
      ...(contract.access === 'public' ? {} : { '401': problem('No valid session') }),
      ...(contract.access === 'staff' || contract.access === 'admin' ? { '403': problem('Role not allowed') } : {}),
      ...(contract.params ? { '404': problem('Not found, or not visible to you') } : {}),
    },
  };
}

/** The OpenAPI 3.1 document, generated from the same route contracts the api binds and validates with. */
export function buildOpenApiDocument(): object {
  const paths: ZodOpenApiPathsObject = {};
  const routes = [
    healthRoute,
    ...Object.values(allRouteGroups).flatMap((group) => Object.values(group) as RouteContract[]),
  ];
  for (const contract of routes) {
    const path = expressPath(contract).replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...paths[path], [contract.method]: operation(contract) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Maillage API',
      version: '1',
      description:
        'REST api of Maillage, the networking platform of the Bas-Saint-Laurent social-development network. Errors are RFC 9457 problem details; sessions are an httpOnly cookie.',
    },
    servers: [{ url: '/api' }],
    paths,
  });
}
