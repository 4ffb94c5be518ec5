import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateLibrary1764000000900 implements MigrationInterface {
  name = 'CreateLibrary1764000000900';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "resources" ("id" uuid NOT NULL, "space_id" uuid NOT NULL, "author_id" uuid, "organization_id" uuid, "format" text NOT NULL, "title" text NOT NULL, "summary" text NOT NULL DEFAULT '', "kind" text NOT NULL, "volet" smallint, "mrc_codes" text array NOT NULL DEFAULT '{}', "themes" text array NOT NULL DEFAULT '{}', "tags" text array NOT NULL DEFAULT '{}', "language" text NOT NULL DEFAULT 'fr', "url" text, "current_version" integer NOT NULL DEFAULT '0', "download_count" integer NOT NULL DEFAULT '0', "discussion_topic_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_resources_format" CHECK ("format" IN ('file', 'link', 'tool')), CONSTRAINT "CHK_resources_volet" CHECK ("volet" BETWEEN 1 AND 4), CONSTRAINT "PK_632484ab9dff41bba94f9b7c85e" PRIMARY KEY ("id"))`,
    );
    // Array filters (tag, MRC) of the library list; GIN indexes are written here, TypeORM does not generate them.
    await queryRunner.query(
      `CREATE INDEX "IDX_resources_tags" ON "resources" USING gin ("tags") WHERE "deleted_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_resources_mrc_codes" ON "resources" USING gin ("mrc_codes") WHERE "deleted_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_resources_kind_recent" ON "resources"  ("kind", "created_at", "id") WHERE "deleted_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_resources_space_recent" ON "resources"  ("space_id", "created_at", "id") WHERE "deleted_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_resources_popular" ON "resources"  ("download_count", "id") WHERE "deleted_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_resources_recent" ON "resources"  ("created_at", "id") WHERE "deleted_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "resource_versions" ("id" uuid NOT NULL, "resource_id" uuid NOT NULL, "number" integer NOT NULL, "storage_key" text NOT NULL, "file_name" text NOT NULL, "mime_type" text NOT NULL, "size_bytes" bigint NOT NULL, "sha256" text NOT NULL, "change_note" text NOT NULL DEFAULT '', "author_id" uuid, "extraction" text NOT NULL DEFAULT 'pending', "extraction_failure" text, "extracted_text" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_resource_versions_extraction" CHECK ("extraction" IN ('pending', 'done', 'failed', 'none')), CONSTRAINT "PK_0fdf88be192638792c201ab55d1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_resource_versions_sha256" ON "resource_versions"  ("sha256") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_resource_versions_number" ON "resource_versions"  ("resource_id", "number") `,
    );
    await queryRunner.query(
      `ALTER TABLE "resources" ADD CONSTRAINT "FK_314bdd75f3f841db173a2f560e2" FOREIGN KEY ("space_id") REFERENCES "spaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "resources" ADD CONSTRAINT "FK_85c20d7fca0e6d6f99cfe596ca6" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "resources" ADD CONSTRAINT "FK_d1f8731cad7b4d6567a1019c26f" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "resources" ADD CONSTRAINT "FK_dffdbc46112aa0aa6c04e87e89a" FOREIGN KEY ("discussion_topic_id") REFERENCES "topics"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "resource_versions" ADD CONSTRAINT "FK_f74d7700c1c114308647b166458" FOREIGN KEY ("resource_id") REFERENCES "resources"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "resource_versions" ADD CONSTRAINT "FK_7ebe619a9814cd61d9315610bb6" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "resource_versions" DROP CONSTRAINT "FK_7ebe619a9814cd61d9315610bb6"`);
    await queryRunner.query(`ALTER TABLE "resource_versions" DROP CONSTRAINT "FK_f74d7700c1c114308647b166458"`);
    await queryRunner.query(`ALTER TABLE "resources" DROP CONSTRAINT "FK_dffdbc46112aa0aa6c04e87e89a"`);
    await queryRunner.query(`ALTER TABLE "resources" DROP CONSTRAINT "FK_d1f8731cad7b4d6567a1019c26f"`);
    await queryRunner.query(`ALTER TABLE "resources" DROP CONSTRAINT "FK_85c20d7fca0e6d6f99cfe596ca6"`);
    await queryRunner.query(`ALTER TABLE "resources" DROP CONSTRAINT "FK_314bdd75f3f841db173a2f560e2"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_resource_versions_number"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_resource_versions_sha256"`);
    await queryRunner.query(`DROP TABLE "resource_versions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_resources_recent"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_resources_popular"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_resources_space_recent"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_resources_kind_recent"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_resources_mrc_codes"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_resources_tags"`);
    await queryRunner.query(`DROP TABLE "resources"`);
  }
}
