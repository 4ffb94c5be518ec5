import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrganizations1764000000000 implements MigrationInterface {
  name = 'CreateOrganizations1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "organizations" ("id" uuid NOT NULL, "slug" text NOT NULL, "kind" text NOT NULL, "name" text NOT NULL, "short_name" text NOT NULL, "mrc_code" text, "seat" text, "municipalities" text array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_963693341bd612aa01ddf3a4b68" UNIQUE ("slug"), CONSTRAINT "CHK_organizations_kind" CHECK ("kind" IN ('mrc', 'coordination', 'ministry', 'health', 'community')), CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "organizations"`);
  }
}
