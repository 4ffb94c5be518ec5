import { createTestContext, type TestContext } from '../../test/test-app';

let context: TestContext;

beforeAll(async () => {
  context = await createTestContext();
});

afterAll(() => context.close());

interface MappedRoute {
  path: string;
  method: string;
}

/** The routes Express actually serves for the api, as `/api/v1/spaces/{id}`-style paths. */
function servedRoutes(): MappedRoute[] {
  const router = context.app.getHttpAdapter().getInstance().router as {
    stack: { route?: { path: string; methods: Record<string, boolean> } }[];
  };
  return router.stack
    .filter((layer) => layer.route?.path.startsWith('/api/') && !layer.route.path.startsWith('/api/docs'))
    .flatMap((layer) =>
      Object.keys(layer.route!.methods).map((method) => ({
        path: layer.route!.path.replace(/:(\w+)/g, '{$1}'),
        method,
      })),
    );
}

describe('the OpenAPI document', () => {
  it('is served at /api/docs with a document that lists every served route and nothing else', async () => {
    const client = await context.client();
    expect((await client.get('/api/docs')).text).toContain('swagger-ui');
    const document = (await client.get('/api/docs/openapi.json')).body as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document.openapi).toBe('3.1.0');
    const documented = Object.entries(document.paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} /api${path}`))
      .sort();
    const served = servedRoutes()
      .map((route) => `${route.method} ${route.path}`)
      .sort();
    expect(served).toEqual(documented);
  });
});
