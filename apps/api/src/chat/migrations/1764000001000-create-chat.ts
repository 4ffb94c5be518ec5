import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateChat1764000001000 implements MigrationInterface {
  name = 'CreateChat1764000001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "channels" ("id" uuid NOT NULL, "space_id" uuid NOT NULL, "name" text NOT NULL, "created_by" uuid, "last_seq" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bc603823f3f741359c2339389f9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_channels_space_name" ON "channels"  ("space_id", "name") `);
    await queryRunner.query(
      `CREATE TABLE "channel_reads" ("channel_id" uuid NOT NULL, "user_id" uuid NOT NULL, "last_read_seq" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_6c4a7a48fe95e7c69d40108dd09" PRIMARY KEY ("channel_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "messages" ("id" uuid NOT NULL, "channel_id" uuid NOT NULL, "seq" integer NOT NULL, "client_id" uuid NOT NULL, "author_id" uuid, "markdown" text NOT NULL, "html" text NOT NULL, "parent_seq" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "edited_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_18325f38ae6de43878487eff986" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_messages_author_client" ON "messages"  ("author_id", "client_id") `,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_messages_channel_seq" ON "messages"  ("channel_id", "seq") `);
    await queryRunner.query(
      `ALTER TABLE "channels" ADD CONSTRAINT "FK_2555604dde08bd1930baa137923" FOREIGN KEY ("space_id") REFERENCES "spaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "channels" ADD CONSTRAINT "FK_2573c3526ed4a83cc830762012e" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "channel_reads" ADD CONSTRAINT "FK_5befd632ffc72a2a8798804abd2" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "channel_reads" ADD CONSTRAINT "FK_0bdea42e4db023d961613c65698" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "FK_86b9109b155eb70c0a2ca3b4b6d" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "FK_05535bc695e9f7ee104616459d3" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "FK_05535bc695e9f7ee104616459d3"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "FK_86b9109b155eb70c0a2ca3b4b6d"`);
    await queryRunner.query(`ALTER TABLE "channel_reads" DROP CONSTRAINT "FK_0bdea42e4db023d961613c65698"`);
    await queryRunner.query(`ALTER TABLE "channel_reads" DROP CONSTRAINT "FK_5befd632ffc72a2a8798804abd2"`);
    await queryRunner.query(`ALTER TABLE "channels" DROP CONSTRAINT "FK_2573c3526ed4a83cc830762012e"`);
    await queryRunner.query(`ALTER TABLE "channels" DROP CONSTRAINT "FK_2555604dde08bd1930baa137923"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_messages_channel_seq"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_messages_author_client"`);
    await queryRunner.query(`DROP TABLE "messages"`);
    await queryRunner.query(`DROP TABLE "channel_reads"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_channels_space_name"`);
    await queryRunner.query(`DROP TABLE "channels"`);
  }
}
