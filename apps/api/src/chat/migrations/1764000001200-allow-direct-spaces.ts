import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Direct conversations are private spaces of the kind `direct`. */
export class AllowDirectSpaces1764000001200 implements MigrationInterface {
  name = 'AllowDirectSpaces1764000001200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "spaces" DROP CONSTRAINT "CHK_spaces_kind"`);
    await queryRunner.query(
      `ALTER TABLE "spaces" ADD CONSTRAINT "CHK_spaces_kind" CHECK ("kind" IN ('regional', 'volet', 'committee', 'group', 'direct'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "spaces" WHERE "kind" = 'direct'`);
    await queryRunner.query(`ALTER TABLE "spaces" DROP CONSTRAINT "CHK_spaces_kind"`);
    await queryRunner.query(
      `ALTER TABLE "spaces" ADD CONSTRAINT "CHK_spaces_kind" CHECK ("kind" IN ('regional', 'volet', 'committee', 'group'))`,
    );
  }
}
