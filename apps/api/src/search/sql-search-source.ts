import type { SearchType } from '@maillage/contracts';
import type { EntityManager } from 'typeorm';

import { mapInSlices } from '../common/event-loop/map-in-slices';
import type { SearchDocument, SearchPage, SearchSource } from './search-document';

export interface SqlSourceDefinition<Row> {
  type: SearchType;
  /** `SELECT … FROM …` with every column the document needs; no WHERE clause (this adds it). */
  select: string;
  /** The primary key column of the scanned table, such as `t.id`. */
  idColumn: string;
  /** The table a rebuild scans, for the progress total. */
  table: string;
  /** True for rows that belong in the index (not deleted, not hidden…). */
  indexable: string;
  toDocument(row: Row): SearchDocument;
}

/** A SearchSource from one SQL query: the usual shape, where a pillar's documents are rows joined to their context. */
export function sqlSearchSource<Row>(definition: SqlSourceDefinition<Row>): SearchSource {
  const { select, idColumn, indexable } = definition;
  return {
    type: definition.type,
    async load(manager: EntityManager, ids: readonly string[]): Promise<SearchDocument[]> {
      const rows: Row[] = await manager.query(`${select} WHERE ${idColumn} = ANY($1) AND ${indexable}`, [ids]);
      return mapInSlices(rows, definition.toDocument);
    },
    async count(manager: EntityManager): Promise<number> {
      const [{ count }] = await manager.query(`SELECT count(*)::int AS count FROM ${definition.table}`);
      return count;
    },
    async scan(manager: EntityManager, afterId: string | null, limit: number): Promise<SearchPage> {
      const withScanColumns = select.replace(
        /^SELECT /,
        `SELECT ${idColumn} AS "scanId", (${indexable}) AS "indexable", `,
      );
      const rows: (Row & { scanId: string; indexable: boolean })[] = await manager.query(
        `${withScanColumns} WHERE ($1::uuid IS NULL OR ${idColumn} > $1) ORDER BY ${idColumn} LIMIT $2`,
        [afterId, limit],
      );
      const last = rows.at(-1);
      return {
        documents: await mapInSlices(
          rows.filter((row) => row.indexable),
          definition.toDocument,
        ),
        lastId: last?.scanId ?? null,
        scanned: rows.length,
      };
    },
  };
}
