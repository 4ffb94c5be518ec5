import { Agent, createServer, request } from 'node:http';

/**
 * The least a service in front of Meilisearch does: a bare node:http server that forwards the floor's very request
 * over a keep-alive connection, parses the answer and serializes it again — no framework, session, access rule or
 * validation. Measured beside the api and the floor, it shows what the hop alone costs on this machine.
 *
 * Usage (forked by bench/search/run.ts): bare-hop MEILI_URL MASTER_KEY PORT; it sends 'ready' once listening.
 */
const [meiliUrl, masterKey, port] = process.argv.slice(2);
const meili = new URL(meiliUrl!);
const agent = new Agent({ keepAlive: true, noDelay: true, maxSockets: 64 });

createServer((incoming, answer) => {
  const chunks: Buffer[] = [];
  incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
  incoming.on('end', () => {
    const body = Buffer.concat(chunks);
    const outgoing = request(
      {
        host: meili.hostname,
        port: meili.port,
        path: incoming.url,
        method: incoming.method,
        agent,
        headers: {
          authorization: `Bearer ${masterKey}`,
          'content-type': 'application/json',
          'content-length': body.length,
        },
      },
      (response) => {
        const parts: Buffer[] = [];
        response.on('data', (part: Buffer) => parts.push(part));
        response.on('end', () => {
          const json = JSON.stringify(JSON.parse(Buffer.concat(parts).toString('utf8')));
          answer.writeHead(response.statusCode ?? 502, { 'content-type': 'application/json' });
          answer.end(json);
        });
      },
    );
    outgoing.on('error', () => answer.writeHead(502).end());
    outgoing.end(body);
  });
}).listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
