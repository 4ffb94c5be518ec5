import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RecordDownloads1764000001800 implements MigrationInterface {
  name = 'RecordDownloads1764000001800';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "resource_downloads" ("id" uuid NOT NULL, "resource_id" uuid NOT NULL, "organization_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cafd8f5be41e13e70b32eb58844" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_resource_downloads_created" ON "resource_downloads"  ("created_at") `);
    await queryRunner.query(
      `ALTER TABLE "resource_downloads" ADD CONSTRAINT "FK_606f6949c40a810054205dfee81" FOREIGN KEY ("resource_id") REFERENCES "resources"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "resource_downloads" DROP CONSTRAINT "FK_606f6949c40a810054205dfee81"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_resource_downloads_created"`);
    await queryRunner.query(`DROP TABLE "resource_downloads"`);
  }
}
