import autocannon from 'autocannon';

import { type Measurement, type Sample, summarize } from './stats';

export interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  /** Stop after this many requests rather than after `seconds` (which then only bounds the run). */
  amount?: number;
  method?: 'GET' | 'POST';
  path: () => string;
  body?: () => string;
  /** Headers of each request, over the shared ones (a different member per request). */
  requestHeaders?: () => Record<string, string>;
}

/** What one request of a scenario is: its method, address and body. */
export type LoadRequest = Pick<LoadOptions, 'method' | 'path' | 'body'>;

/** HTTP load with autocannon; its own percentiles skip p95, so every response time is kept and ranked here. */
export function load(scenario: string, options: LoadOptions): Promise<Measurement> {
  return sample(options).then((one) => summarize(scenario, [one]));
}

/** One autocannon run's response times, unranked: runs of one scenario can be pooled (`summarize`). */
export function sample(options: LoadOptions): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const times: number[] = [];
    let errors = 0;
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        amount: options.amount,
        headers: { ...options.headers, 'content-type': 'application/json' },
        requests: [
          {
            method: options.method ?? 'GET',
            setupRequest: (request) => ({
              ...request,
              path: options.path(),
              body: options.body?.(),
              headers: { ...request.headers, ...options.requestHeaders?.() },
            }),
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({ times, seconds: (Date.now() - started) / 1000, errors: errors + result.errors + result.timeouts });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 400) errors += 1;
      else times.push(responseTime);
    });
  });
}
