import { Agent, request } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** Meilisearch answered with an error status; `code` is its error code (e.g. index_not_found). */
export class MeiliHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/**
 * An `httpClient` for the meilisearch client over node:http with keep-alive and TCP_NODELAY. Measured here: the
 * client's default fetch pays ~44 ms per request on loopback (Nagle and delayed ACK); this pays ~1 ms.
 */
export function createMeiliHttpClient() {
  const agents = {
    'http:': new Agent({ keepAlive: true, maxSockets: 64, noDelay: true }),
    'https:': new HttpsAgent({ keepAlive: true, maxSockets: 64, noDelay: true }),
  };
  const close = () => Object.values(agents).forEach((agent) => agent.destroy());
  const send = (input: string | URL | Request, init?: RequestInit): Promise<unknown> => {
    const url = new URL(input instanceof Request ? input.url : input);
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const body = typeof init?.body === 'string' ? init.body : undefined;
    const open = url.protocol === 'https:' ? httpsRequest : request;
    return new Promise((resolve, reject) => {
      const outgoing = open(
        url,
        {
          method: init?.method ?? 'GET',
          headers,
          agent: agents[url.protocol as 'http:' | 'https:'],
          signal: init?.signal ?? undefined,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = null;
            try {
              parsed = text ? JSON.parse(text) : null;
            } catch {
              parsed = text;
            }
            const status = response.statusCode ?? 0;
            if (status >= 200 && status < 300) return resolve(parsed);
            const error = (parsed ?? {}) as { message?: string; code?: string };
            reject(new MeiliHttpError(status, error.code, error.message ?? `Meilisearch answered ${status}`));
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  };
  return { send, close };
}
