import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateForums1764000000500 implements MigrationInterface {
  name = 'CreateForums1764000000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "topics" ("id" uuid NOT NULL, "space_id" uuid NOT NULL, "author_id" uuid, "title" text NOT NULL, "tags" text array NOT NULL DEFAULT '{}', "post_count" integer NOT NULL DEFAULT '0', "last_post_number" integer NOT NULL DEFAULT '0', "like_count" integer NOT NULL DEFAULT '0', "last_posted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "pinned_at" TIMESTAMP WITH TIME ZONE, "announced_at" TIMESTAMP WITH TIME ZONE, "locked_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_e4aa99a3fa60ec3a37d1fc4e853" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_topics_announced" ON "topics"  ("announced_at") WHERE "announced_at" IS NOT NULL AND "deleted_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_topics_latest" ON "topics"  ("last_posted_at", "id") WHERE "deleted_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_topics_created" ON "topics"  ("created_at", "id") WHERE "deleted_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_topics_space_pinned" ON "topics"  ("space_id", "pinned_at") WHERE "pinned_at" IS NOT NULL AND "deleted_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_topics_space_top" ON "topics"  ("space_id", "like_count", "id") WHERE "deleted_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_topics_space_created" ON "topics"  ("space_id", "created_at", "id") WHERE "deleted_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_topics_space_latest" ON "topics"  ("space_id", "last_posted_at", "id") WHERE "deleted_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "posts" ("id" uuid NOT NULL, "topic_id" uuid NOT NULL, "number" integer NOT NULL, "author_id" uuid, "markdown" text NOT NULL, "html" text NOT NULL, "reply_to_number" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "edited_at" TIMESTAMP WITH TIME ZONE, "like_count" integer NOT NULL DEFAULT '0', "deleted_at" TIMESTAMP WITH TIME ZONE, "deleted_by" uuid, "hidden_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_2829ac61eff60fcec60d7274b9e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_posts_author" ON "posts"  ("author_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_posts_topic_number" ON "posts"  ("topic_id", "number") `);
    await queryRunner.query(
      `CREATE TABLE "post_flags" ("id" uuid NOT NULL, "post_id" uuid NOT NULL, "flagged_by" uuid, "reason" text NOT NULL, "note" text NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "resolved_at" TIMESTAMP WITH TIME ZONE, "resolved_by" uuid, "resolution" text, CONSTRAINT "CHK_post_flags_resolution" CHECK ("resolution" IS NULL OR "resolution" IN ('hidden', 'dismissed', 'restored')), CONSTRAINT "CHK_post_flags_reason" CHECK ("reason" IN ('spam', 'inappropriate', 'off-topic', 'other')), CONSTRAINT "PK_5b8aeb4a2c7ffb5ef475d7da880" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_post_flags_post" ON "post_flags"  ("post_id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_post_flags_open" ON "post_flags"  ("created_at") WHERE "resolved_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "post_likes" ("post_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8f64693922a9e8c4e2605850d0b" PRIMARY KEY ("post_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "post_revisions" ("id" uuid NOT NULL, "post_id" uuid NOT NULL, "markdown" text NOT NULL, "edited_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_871219c3d5044d70ff7d59480b8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_post_revisions_post" ON "post_revisions"  ("post_id", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "topic_subscriptions" ("user_id" uuid NOT NULL, "topic_id" uuid NOT NULL, "level" text NOT NULL, CONSTRAINT "CHK_topic_subscriptions_level" CHECK ("level" IN ('watching', 'muted')), CONSTRAINT "PK_73c095adf07d2a4b20936c10144" PRIMARY KEY ("user_id", "topic_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_topic_subscriptions_topic" ON "topic_subscriptions"  ("topic_id", "level") `,
    );
    await queryRunner.query(
      `CREATE TABLE "space_subscriptions" ("user_id" uuid NOT NULL, "space_id" uuid NOT NULL, "level" text NOT NULL, CONSTRAINT "CHK_space_subscriptions_level" CHECK ("level" IN ('watching', 'muted')), CONSTRAINT "PK_4ed13063984643369dea97a5a8f" PRIMARY KEY ("user_id", "space_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_space_subscriptions_space" ON "space_subscriptions"  ("space_id", "level") `,
    );
    await queryRunner.query(
      `CREATE TABLE "topic_reads" ("user_id" uuid NOT NULL, "topic_id" uuid NOT NULL, "last_read_number" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2cf2d7c385f91c56cdf5ca6dcaf" PRIMARY KEY ("user_id", "topic_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_topic_reads_topic" ON "topic_reads"  ("topic_id") `);
    await queryRunner.query(
      `ALTER TABLE "topics" ADD CONSTRAINT "FK_1d577655c993ac61a22ed1e67b8" FOREIGN KEY ("space_id") REFERENCES "spaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "topics" ADD CONSTRAINT "FK_6d0b30ac931562f4dcfef6c7ef9" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "posts" ADD CONSTRAINT "FK_34720d240a6956e2d3b91f93a8a" FOREIGN KEY ("topic_id") REFERENCES "topics"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "posts" ADD CONSTRAINT "FK_312c63be865c81b922e39c2475e" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "post_flags" ADD CONSTRAINT "FK_48247840affd52d63dd1fcfa761" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "post_flags" ADD CONSTRAINT "FK_6f4c11894c6a9e43cc216e7d013" FOREIGN KEY ("flagged_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "post_likes" ADD CONSTRAINT "FK_b40d37469c501092203d285af80" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "post_likes" ADD CONSTRAINT "FK_9b9a7fc5eeff133cf71b8e06a7b" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "post_revisions" ADD CONSTRAINT "FK_21715fae1f647ae1e4b0741346a" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "topic_subscriptions" ADD CONSTRAINT "FK_c6d252e0bf8ca462f4c1c7608e3" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "topic_subscriptions" ADD CONSTRAINT "FK_40725f5aa33e04840c850ec5f18" FOREIGN KEY ("topic_id") REFERENCES "topics"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "space_subscriptions" ADD CONSTRAINT "FK_c8d41c90a8a651bfae43db0c2c9" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "space_subscriptions" ADD CONSTRAINT "FK_e151fa2f6d766af616fe98bdaa6" FOREIGN KEY ("space_id") REFERENCES "spaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "topic_reads" ADD CONSTRAINT "FK_ee0d0df03c8ee0fcf3e95529a55" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "topic_reads" ADD CONSTRAINT "FK_97474d3e00c891f5f177bbb6070" FOREIGN KEY ("topic_id") REFERENCES "topics"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "topic_reads" DROP CONSTRAINT "FK_97474d3e00c891f5f177bbb6070"`);
    await queryRunner.query(`ALTER TABLE "topic_reads" DROP CONSTRAINT "FK_ee0d0df03c8ee0fcf3e95529a55"`);
    await queryRunner.query(`ALTER TABLE "space_subscriptions" DROP CONSTRAINT "FK_e151fa2f6d766af616fe98bdaa6"`);
    await queryRunner.query(`ALTER TABLE "space_subscriptions" DROP CONSTRAINT "FK_c8d41c90a8a651bfae43db0c2c9"`);
    await queryRunner.query(`ALTER TABLE "topic_subscriptions" DROP CONSTRAINT "FK_40725f5aa33e04840c850ec5f18"`);
    await queryRunner.query(`ALTER TABLE "topic_subscriptions" DROP CONSTRAINT "FK_c6d252e0bf8ca462f4c1c7608e3"`);
    await queryRunner.query(`ALTER TABLE "post_revisions" DROP CONSTRAINT "FK_21715fae1f647ae1e4b0741346a"`);
    await queryRunner.query(`ALTER TABLE "post_likes" DROP CONSTRAINT "FK_9b9a7fc5eeff133cf71b8e06a7b"`);
    await queryRunner.query(`ALTER TABLE "post_likes" DROP CONSTRAINT "FK_b40d37469c501092203d285af80"`);
    await queryRunner.query(`ALTER TABLE "post_flags" DROP CONSTRAINT "FK_6f4c11894c6a9e43cc216e7d013"`);
    await queryRunner.query(`ALTER TABLE "post_flags" DROP CONSTRAINT "FK_48247840affd52d63dd1fcfa761"`);
    await queryRunner.query(`ALTER TABLE "posts" DROP CONSTRAINT "FK_312c63be865c81b922e39c2475e"`);
    await queryRunner.query(`ALTER TABLE "posts" DROP CONSTRAINT "FK_34720d240a6956e2d3b91f93a8a"`);
    await queryRunner.query(`ALTER TABLE "topics" DROP CONSTRAINT "FK_6d0b30ac931562f4dcfef6c7ef9"`);
    await queryRunner.query(`ALTER TABLE "topics" DROP CONSTRAINT "FK_1d577655c993ac61a22ed1e67b8"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_topic_reads_topic"`);
    await queryRunner.query(`DROP TABLE "topic_reads"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_space_subscriptions_space"`);
    await queryRunner.query(`DROP TABLE "space_subscriptions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_topic_subscriptions_topic"`);
    await queryRunner.query(`DROP TABLE "topic_subscriptions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_post_revisions_post"`);
    await queryRunner.query(`DROP TABLE "post_revisions"`);
    await queryRunner.query(`DROP TABLE "post_likes"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_post_flags_open"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_post_flags_post"`);
    await queryRunner.query(`DROP TABLE "post_flags"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_posts_topic_number"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_posts_author"`);
    await queryRunner.query(`DROP TABLE "posts"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_topics_space_latest"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_topics_space_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_topics_space_top"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_topics_space_pinned"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_topics_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_topics_latest"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_topics_announced"`);
    await queryRunner.query(`DROP TABLE "topics"`);
  }
}
