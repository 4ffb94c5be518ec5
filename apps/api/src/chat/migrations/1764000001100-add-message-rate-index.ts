import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddMessageRateIndex1764000001100 implements MigrationInterface {
  name = 'AddMessageRateIndex1764000001100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_messages_author_recent" ON "messages"  ("author_id", "created_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_messages_author_recent"`);
  }
}
