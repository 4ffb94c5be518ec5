import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateNotifications1764000000600 implements MigrationInterface {
  name = 'CreateNotifications1764000000600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "kind" text NOT NULL, "actor_id" uuid, "space_id" uuid NOT NULL, "topic_id" uuid, "post_number" integer, "subject" text NOT NULL DEFAULT '', "dedup_key" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_notifications_kind" CHECK ("kind" IN ('mention', 'reply', 'watched-topic', 'watched-space')), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_notifications_dedup" ON "notifications"  ("user_id", "dedup_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_unread" ON "notifications"  ("user_id") WHERE "read_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_user" ON "notifications"  ("user_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "FK_9a8a82462cab47c73d25f49261f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "FK_9a8a82462cab47c73d25f49261f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_notifications_user"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_notifications_unread"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_notifications_dedup"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
  }
}
