import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AllowDeletedAccounts1764000001700 implements MigrationInterface {
  name = 'AllowDeletedAccounts1764000001700';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "CHK_users_status"`);
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "CHK_users_status" CHECK ("status" IN ('active', 'deactivated', 'deleted'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "users" SET "status" = 'deactivated' WHERE "status" = 'deleted'`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "CHK_users_status"`);
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "CHK_users_status" CHECK ("status" IN ('active', 'deactivated'))`,
    );
  }
}
