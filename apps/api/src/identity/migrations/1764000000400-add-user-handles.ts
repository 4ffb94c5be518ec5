import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddUserHandles1764000000400 implements MigrationInterface {
  name = 'AddUserHandles1764000000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "handle" text`);
    await queryRunner.query(
      `UPDATE "users" SET "handle" = regexp_replace(split_part("email", '@', 1), '[^a-z0-9._-]', '-', 'g') || '-' || substr(md5("id"::text), 1, 4)`,
    );
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "handle" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "UQ_6a7e5f591436179c411f5308a9e" UNIQUE ("handle")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "UQ_6a7e5f591436179c411f5308a9e"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "handle"`);
  }
}
