import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RecordSearchMisses1764000001900 implements MigrationInterface {
  name = 'RecordSearchMisses1764000001900';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "search_misses" ("id" uuid NOT NULL, "query" text NOT NULL, "organization_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b0c23b32ca6dde42bae8608ce4c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_search_misses_created" ON "search_misses"  ("created_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_search_misses_created"`);
    await queryRunner.query(`DROP TABLE "search_misses"`);
  }
}
