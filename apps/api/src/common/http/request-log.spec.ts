import { Writable } from 'node:stream';

import express from 'express';
import pino from 'pino';
import request from 'supertest';

import { requestLog } from './request-log';

/** An Express app with the request log in front of three routes, and the log lines it wrote. */
function loggedApp(level: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  const app = express();
  app.use(requestLog(pino({ level }, sink), (incoming) => incoming.url === '/api/health'));
  app.get('/api/health', (_request, response) => void response.json({ status: 'ok' }));
  app.get('/api/v1/thing', (incoming, response) => void response.json({ id: incoming.id }));
  app.get('/api/v1/broken', (_request, response) => void response.status(500).json({}));
  return { app, lines };
}

describe('requestLog', () => {
  it('echoes a well-formed X-Request-Id and hands it to the handlers', async () => {
    const { app } = loggedApp('info');
    const answer = await request(app).get('/api/v1/thing').set('X-Request-Id', 'abc-123.test');
    expect(answer.headers['x-request-id']).toBe('abc-123.test');
    expect(answer.body).toEqual({ id: 'abc-123.test' });
  });

  it('replaces a malformed X-Request-Id with a fresh UUID', async () => {
    const { app } = loggedApp('info');
    const answer = await request(app).get('/api/v1/thing').set('X-Request-Id', 'not valid; <script>');
    expect(answer.headers['x-request-id']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('logs each answer once, with its request id, method, address and status; failures as errors', async () => {
    const { app, lines } = loggedApp('info');
    await request(app).get('/api/v1/thing?q=aines').set('X-Request-Id', 'one');
    await request(app).get('/api/v1/broken').set('X-Request-Id', 'two');
    await request(app).get('/api/health');
    expect(lines).toMatchObject([
      {
        level: 30,
        msg: 'request completed',
        requestId: 'one',
        req: { method: 'GET', url: '/api/v1/thing?q=aines' },
        res: { statusCode: 200 },
      },
      { level: 50, msg: 'request completed', requestId: 'two', res: { statusCode: 500 } },
    ]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).not.toHaveProperty('req.headers');
  });

  it('writes nothing for successful answers above the info level, and still the failures', async () => {
    const { app, lines } = loggedApp('warn');
    await request(app).get('/api/v1/thing');
    await request(app).get('/api/v1/broken');
    expect(lines).toMatchObject([{ level: 50, res: { statusCode: 500 } }]);
    expect(lines).toHaveLength(1);
  });
});
