import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSpaces1764000000200 implements MigrationInterface {
  name = 'CreateSpaces1764000000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "spaces" ("id" uuid NOT NULL, "slug" text NOT NULL, "name" text NOT NULL, "description" text NOT NULL DEFAULT '', "visibility" text NOT NULL, "kind" text NOT NULL, "volet_number" smallint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_cd9fb43bf0fb88748387fba51c7" UNIQUE ("slug"), CONSTRAINT "CHK_spaces_kind" CHECK ("kind" IN ('regional', 'volet', 'committee', 'group')), CONSTRAINT "CHK_spaces_visibility" CHECK ("visibility" IN ('network', 'private')), CONSTRAINT "PK_dbe542974aca57afcb60709d4c8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "space_members" ("space_id" uuid NOT NULL, "user_id" uuid NOT NULL, "added_by" uuid, "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a1d79ecdb8370f1e6d3463c0926" PRIMARY KEY ("space_id", "user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_space_members_user" ON "space_members"  ("user_id", "space_id") `);
    await queryRunner.query(
      `ALTER TABLE "space_members" ADD CONSTRAINT "FK_8be18c70ea832ef078452698b68" FOREIGN KEY ("space_id") REFERENCES "spaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "space_members" ADD CONSTRAINT "FK_fdb7c5ab4ad7f35ec45c08047c2" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "space_members" DROP CONSTRAINT "FK_fdb7c5ab4ad7f35ec45c08047c2"`);
    await queryRunner.query(`ALTER TABLE "space_members" DROP CONSTRAINT "FK_8be18c70ea832ef078452698b68"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_space_members_user"`);
    await queryRunner.query(`DROP TABLE "space_members"`);
    await queryRunner.query(`DROP TABLE "spaces"`);
  }
}
