import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search indexing has one outbox kind, `search.index` ("bring this document up to date"). The forums once also wrote
 * `search.remove`; those rows, waiting since before the search module existed, become `search.index`.
 */
export class MergeSearchEvents1764000000700 implements MigrationInterface {
  name = 'MergeSearchEvents1764000000700';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "outbox_events" SET "kind" = 'search.index' WHERE "kind" = 'search.remove'`);
  }

  async down(): Promise<void> {
    // The merged rows mean the same thing under either kind: nothing to undo.
  }
}
