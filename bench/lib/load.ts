import autocannon from 'autocannon';

import { type Measurement, percentile } from './stats';

export interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  method?: 'GET' | 'POST';
  path: () => string;
  body?: () => string;
}

/** HTTP load with autocannon; its own percentiles skip p95, so every response time is kept and ranked here. */
export function load(scenario: string, options: LoadOptions): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    let errors = 0;
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        headers: { ...options.headers, 'content-type': 'application/json' },
        requests: [
          {
            method: options.method ?? 'GET',
            setupRequest: (request) => ({ ...request, path: options.path(), body: options.body?.() }),
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        times.sort((a, b) => a - b);
        resolve({
          scenario,
          p50: percentile(times, 0.5),
          p95: percentile(times, 0.95),
          p99: percentile(times, 0.99),
          requestsPerSecond: times.length / options.seconds,
          errors: errors + result.errors + result.timeouts,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 400) errors += 1;
      else times.push(responseTime);
    });
  });
}
