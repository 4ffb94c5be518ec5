import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateEvents1764000000800 implements MigrationInterface {
  name = 'CreateEvents1764000000800';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "calendar_feeds" ("token_hash" bytea NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_df53b5f17d35a6bac0fb13e16ad" PRIMARY KEY ("token_hash"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_calendar_feeds_active" ON "calendar_feeds"  ("user_id") WHERE "revoked_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "events" ("id" uuid NOT NULL, "space_id" uuid NOT NULL, "author_id" uuid, "organization_id" uuid, "title" text NOT NULL, "description" text NOT NULL DEFAULT '', "start_local" TIMESTAMP NOT NULL, "end_local" TIMESTAMP NOT NULL, "time_zone" text NOT NULL, "all_day" boolean NOT NULL DEFAULT false, "place" text, "address" text, "municipality" text, "online_url" text, "volet" smallint, "mrc_code" text, "tags" text array NOT NULL DEFAULT '{}', "capacity" integer, "registration_deadline" TIMESTAMP WITH TIME ZONE, "rrule" text, "related_links" jsonb NOT NULL DEFAULT '[]', "materialized_until" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_events_volet" CHECK ("volet" BETWEEN 1 AND 4), CONSTRAINT "PK_40731c7151fe4be3116e45ddf73" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_events_horizon" ON "events"  ("materialized_until") WHERE "materialized_until" IS NOT NULL AND "cancelled_at" IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_events_space" ON "events"  ("space_id", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "event_follows" ("event_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_acdb099e5d1f8e7a218db179260" PRIMARY KEY ("event_id", "user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_event_follows_user" ON "event_follows"  ("user_id", "event_id") `);
    await queryRunner.query(
      `CREATE TABLE "event_occurrences" ("id" uuid NOT NULL, "event_id" uuid NOT NULL, "original_start" TIMESTAMP WITH TIME ZONE NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "moved" boolean NOT NULL DEFAULT false, "changes" jsonb NOT NULL DEFAULT '{}', "cancelled_at" TIMESTAMP WITH TIME ZONE, "going_count" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_43048141833ab7f9c7fc8c47887" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_event_occurrences_starts" ON "event_occurrences"  ("starts_at", "id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_event_occurrences_original" ON "event_occurrences"  ("event_id", "original_start") `,
    );
    await queryRunner.query(
      `CREATE TABLE "event_reminders" ("occurrence_id" uuid NOT NULL, "user_id" uuid NOT NULL, "lead" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_event_reminders_lead" CHECK ("lead" IN ('24h', '1h')), CONSTRAINT "PK_3c1bbcd9f5f104d113616e2feb9" PRIMARY KEY ("occurrence_id", "user_id", "lead"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "event_rsvps" ("occurrence_id" uuid NOT NULL, "user_id" uuid NOT NULL, "status" text NOT NULL, "answered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "waitlisted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_event_rsvps_status" CHECK ("status" IN ('going', 'maybe', 'declined', 'waitlisted')), CONSTRAINT "PK_864dc6c3fefaaebad7365f15382" PRIMARY KEY ("occurrence_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_event_rsvps_waitlist" ON "event_rsvps"  ("occurrence_id", "waitlisted_at") WHERE "status" = 'waitlisted'`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_event_rsvps_user" ON "event_rsvps"  ("user_id", "status") `);
    await queryRunner.query(`ALTER TABLE "notifications" ADD "url" text`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "CHK_notifications_kind"`);
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "CHK_notifications_kind" CHECK ("kind" IN ('mention', 'reply', 'watched-topic', 'watched-space', 'event-reminder-24h', 'event-reminder-1h', 'event-seat-granted', 'event-cancelled'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feeds" ADD CONSTRAINT "FK_3212ce9ff23847e66347a6730d3" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "events" ADD CONSTRAINT "FK_6250c2b994c6e51ddf775838f8d" FOREIGN KEY ("space_id") REFERENCES "spaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "events" ADD CONSTRAINT "FK_389b662d0b626b48a1ce4e2c8f8" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "events" ADD CONSTRAINT "FK_8557ec49101496ab87be666d633" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "event_follows" ADD CONSTRAINT "FK_e34a1f30757694004f429bf5d56" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "event_follows" ADD CONSTRAINT "FK_944d7097acae45523eeca5c36d4" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "event_occurrences" ADD CONSTRAINT "FK_2ea7174f7a236c487a87519cecd" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "event_reminders" ADD CONSTRAINT "FK_032adb932e2edf16a4b1a80a2a0" FOREIGN KEY ("occurrence_id") REFERENCES "event_occurrences"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "event_reminders" ADD CONSTRAINT "FK_3cc060151d30c30c8ac9465030f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "event_rsvps" ADD CONSTRAINT "FK_f25c24b50dc4018cae573e92e21" FOREIGN KEY ("occurrence_id") REFERENCES "event_occurrences"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "event_rsvps" ADD CONSTRAINT "FK_0b4fae38ac7839d3749067206df" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "event_rsvps" DROP CONSTRAINT "FK_0b4fae38ac7839d3749067206df"`);
    await queryRunner.query(`ALTER TABLE "event_rsvps" DROP CONSTRAINT "FK_f25c24b50dc4018cae573e92e21"`);
    await queryRunner.query(`ALTER TABLE "event_reminders" DROP CONSTRAINT "FK_3cc060151d30c30c8ac9465030f"`);
    await queryRunner.query(`ALTER TABLE "event_reminders" DROP CONSTRAINT "FK_032adb932e2edf16a4b1a80a2a0"`);
    await queryRunner.query(`ALTER TABLE "event_occurrences" DROP CONSTRAINT "FK_2ea7174f7a236c487a87519cecd"`);
    await queryRunner.query(`ALTER TABLE "event_follows" DROP CONSTRAINT "FK_944d7097acae45523eeca5c36d4"`);
    await queryRunner.query(`ALTER TABLE "event_follows" DROP CONSTRAINT "FK_e34a1f30757694004f429bf5d56"`);
    await queryRunner.query(`ALTER TABLE "events" DROP CONSTRAINT "FK_8557ec49101496ab87be666d633"`);
    await queryRunner.query(`ALTER TABLE "events" DROP CONSTRAINT "FK_389b662d0b626b48a1ce4e2c8f8"`);
    await queryRunner.query(`ALTER TABLE "events" DROP CONSTRAINT "FK_6250c2b994c6e51ddf775838f8d"`);
    await queryRunner.query(`ALTER TABLE "calendar_feeds" DROP CONSTRAINT "FK_3212ce9ff23847e66347a6730d3"`);
    await queryRunner.query(`DELETE FROM "notifications" WHERE "kind" LIKE 'event-%'`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "CHK_notifications_kind"`);
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "CHK_notifications_kind" CHECK ("kind" IN ('mention', 'reply', 'watched-topic', 'watched-space'))`,
    );
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "url"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_event_rsvps_user"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_event_rsvps_waitlist"`);
    await queryRunner.query(`DROP TABLE "event_rsvps"`);
    await queryRunner.query(`DROP TABLE "event_reminders"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_event_occurrences_original"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_event_occurrences_starts"`);
    await queryRunner.query(`DROP TABLE "event_occurrences"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_event_follows_user"`);
    await queryRunner.query(`DROP TABLE "event_follows"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_events_space"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_events_horizon"`);
    await queryRunner.query(`DROP TABLE "events"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_calendar_feeds_active"`);
    await queryRunner.query(`DROP TABLE "calendar_feeds"`);
  }
}
