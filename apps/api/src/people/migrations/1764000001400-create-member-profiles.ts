import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMemberProfiles1764000001400 implements MigrationInterface {
  name = 'CreateMemberProfiles1764000001400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "member_profiles" ("user_id" uuid NOT NULL, "bio" text NOT NULL DEFAULT '', "languages" text array NOT NULL DEFAULT '{fr}', "themes" text array NOT NULL DEFAULT '{}', "tags" text array NOT NULL DEFAULT '{}', "mrc_codes" text array NOT NULL DEFAULT '{}', "phone" text NOT NULL DEFAULT '', "email_visibility" text NOT NULL DEFAULT 'members', "phone_visibility" text NOT NULL DEFAULT 'nobody', "avatar_key" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_member_profiles_phone_visibility" CHECK ("phone_visibility" IN ('members', 'nobody')), CONSTRAINT "CHK_member_profiles_email_visibility" CHECK ("email_visibility" IN ('members', 'nobody')), CONSTRAINT "PK_71f045ea73b7e7e39e6b6508db3" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "member_profiles" ADD CONSTRAINT "FK_71f045ea73b7e7e39e6b6508db3" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // The directory's filters on MRC served and themes (array containment).
    await queryRunner.query(
      `CREATE INDEX "IDX_member_profiles_mrc_codes" ON "member_profiles" USING gin ("mrc_codes")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_member_profiles_themes" ON "member_profiles" USING gin ("themes")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_member_profiles_themes"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_member_profiles_mrc_codes"`);
    await queryRunner.query(`ALTER TABLE "member_profiles" DROP CONSTRAINT "FK_71f045ea73b7e7e39e6b6508db3"`);
    await queryRunner.query(`DROP TABLE "member_profiles"`);
  }
}
