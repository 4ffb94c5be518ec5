import { Meilisearch } from 'meilisearch';

import { createMeiliHttpClient } from './meili-http-client';

/** The one door to Meilisearch. Domains reach it through the search module, never directly. */
export class SearchEngine {
  readonly client: Meilisearch;
  /** The index members search. */
  readonly contentIndex: string;
  /** Where a rebuild fills a fresh copy before swapping it with the content index. */
  readonly rebuildIndex: string;

  private readonly http = createMeiliHttpClient();

  constructor(url: string, apiKey: string, indexPrefix: string) {
    this.client = new Meilisearch({ host: url, apiKey, httpClient: this.http.send, timeout: 5000 });
    this.contentIndex = `${indexPrefix}content`;
    this.rebuildIndex = `${indexPrefix}content_rebuild`;
  }

  /** Closes the kept-alive connections, so that a stopping process is not held open by them. */
  onApplicationShutdown(): void {
    this.http.close();
  }

  async isHealthy(): Promise<boolean> {
    try {
      return (await this.client.health()).status === 'available';
    } catch {
      return false;
    }
  }
}
