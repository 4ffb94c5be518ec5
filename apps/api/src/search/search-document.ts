import type { SearchType } from '@maillage/contracts';
import type { EntityManager } from 'typeorm';

/** Each type's name in French, for facet labels and the reindex command's progress. */
export const SEARCH_TYPE_LABELS: Record<SearchType, string> = {
  topic: 'Sujets',
  post: 'Réponses',
  message: 'Messages',
  resource: 'Ressources',
  event: 'Événements',
  person: 'Personnes',
};

/** One document of the content index, as Meilisearch stores it. */
export interface SearchDocument {
  /** `<type>_<id>`: one index holds every type. */
  uid: string;
  type: SearchType;
  id: string;
  title: string;
  tags: string[];
  /** Plain text, Markdown removed. */
  body: string;
  /** Where the document sits (a post's topic, a person's organization): searchable after the body. */
  context: string;
  /** The spaces that govern visibility; empty for what every member sees (people). */
  spaceIds: string[];
  /** True for documents every active member may see whatever their spaces. */
  everyMember: boolean;
  spaceName: string | null;
  authorName: string | null;
  organizationId: string | null;
  /** MRC codes ('07'…'14') the document concerns: its author's organization for forum content. */
  mrc: string[];
  volet: number | null;
  /** Seconds since the epoch, for sorting and date ranges. */
  createdAt: number;
  url: string;
  /** A resource's kind (guide, rapport…), counted beside the library's filters. */
  kind?: string;
}

/**
 * What a pillar gives search: its documents, read from Postgres. `load` answers the documents of these ids that should
 * be indexed now (a deleted, hidden or inactive item is simply absent); `scan` pages through the rows in id order for
 * a rebuild, `lastId` null once past the end, `scanned` counting rows read (some may not be indexed).
 */
export interface SearchSource {
  type: SearchType;
  load(manager: EntityManager, ids: readonly string[]): Promise<SearchDocument[]>;
  count(manager: EntityManager): Promise<number>;
  scan(manager: EntityManager, afterId: string | null, limit: number): Promise<SearchPage>;
}

export interface SearchPage {
  documents: SearchDocument[];
  lastId: string | null;
  scanned: number;
}

export const documentUid = (type: SearchType, id: string): string => `${type}_${id}`;

export const epochSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);
