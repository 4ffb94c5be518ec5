import express from 'express';
import { Router } from 'express';
import { absolutePath } from 'swagger-ui-dist';

import { buildOpenApiDocument } from './openapi';

const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Maillage API</title><link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body></html>`;

const initializer = `window.ui = SwaggerUIBundle({ url: '/api/docs/openapi.json', dom_id: '#swagger-ui' });`;

/** /api/docs: Swagger UI over the generated document, with no inline script (the CSP forbids them). */
export function apiDocsRouter(): Router {
  const document = JSON.stringify(buildOpenApiDocument());
  const router = Router();
  router.get('/api/docs', (_request, response) => void response.type('html').send(page));
  router.get('/api/docs/init.js', (_request, response) => void response.type('js').send(initializer));
  router.get('/api/docs/openapi.json', (_request, response) => void response.type('json').send(document));
  router.use('/api/docs/assets', express.static(absolutePath(), { index: false }));
  return router;
}
