import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddNotificationPreferences1764000001500 implements MigrationInterface {
  name = 'AddNotificationPreferences1764000001500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "digest_schedules" ("user_id" uuid NOT NULL, "hour" smallint NOT NULL DEFAULT '7', "last_day" date, "covered_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_digest_schedules_hour" CHECK ("hour" BETWEEN 0 AND 23), CONSTRAINT "PK_9829186804a0c8284940fd99674" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_preferences" ("user_id" uuid NOT NULL, "kind" text NOT NULL, "delivery" text NOT NULL, CONSTRAINT "CHK_notification_preferences_delivery" CHECK ("delivery" IN ('in-app', 'email', 'digest', 'off')), CONSTRAINT "PK_4beeeb46feaf58d75e124c8ba58" PRIMARY KEY ("user_id", "kind"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "digest_schedules" ADD CONSTRAINT "FK_9829186804a0c8284940fd99674" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_preferences" ADD CONSTRAINT "FK_64c90edc7310c6be7c10c96f675" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "CHK_notifications_kind"`);
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "CHK_notifications_kind" CHECK ("kind" IN ('mention', 'reply', 'watched-topic', 'watched-space', 'event-reminder-24h', 'event-reminder-1h', 'event-seat-granted', 'event-cancelled', 'direct-message', 'invitation-accepted', 'moderation'))`,
    );
    // What concerns no space (an invitation accepted) is for its recipient whatever they may see.
    await queryRunner.query(`ALTER TABLE "notifications" ALTER COLUMN "space_id" DROP NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "notifications" WHERE "space_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "notifications" ALTER COLUMN "space_id" SET NOT NULL`);
    await queryRunner.query(`DELETE FROM "notifications" WHERE "kind" IN ('invitation-accepted', 'moderation')`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "CHK_notifications_kind"`);
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "CHK_notifications_kind" CHECK ("kind" IN ('mention', 'reply', 'watched-topic', 'watched-space', 'event-reminder-24h', 'event-reminder-1h', 'event-seat-granted', 'event-cancelled', 'direct-message'))`,
    );
    await queryRunner.query(`ALTER TABLE "notification_preferences" DROP CONSTRAINT "FK_64c90edc7310c6be7c10c96f675"`);
    await queryRunner.query(`ALTER TABLE "digest_schedules" DROP CONSTRAINT "FK_9829186804a0c8284940fd99674"`);
    await queryRunner.query(`DROP TABLE "notification_preferences"`);
    await queryRunner.query(`DROP TABLE "digest_schedules"`);
  }
}
