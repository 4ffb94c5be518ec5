import { Meilisearch } from 'meilisearch';

import { createMeiliHttpClient } from './meili-http-client';

/** The one door to Meilisearch. Domains reach it through the search module, never directly. */
export class SearchEngine {
  readonly client: Meilisearch;

  constructor(url: string, apiKey: string) {
    this.client = new Meilisearch({ host: url, apiKey, httpClient: createMeiliHttpClient(), timeout: 5000 });
  }

  async isHealthy(): Promise<boolean> {
    try {
      return (await this.client.health()).status === 'available';
    } catch {
      return false;
    }
  }
}
