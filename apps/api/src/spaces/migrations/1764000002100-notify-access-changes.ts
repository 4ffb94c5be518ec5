import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every statement that changes who may see what (a space created, deleted, made private or network, renamed; a member
 * added or removed, cascades included) notifies `maillage_access_changes` when its transaction commits: each api
 * process then drops the visible spaces it cached (AccessPolicy). A trigger, so that no writing path can forget it.
 */
export class NotifyAccessChanges1764000002100 implements MigrationInterface {
  name = 'NotifyAccessChanges1764000002100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION "notify_access_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify('maillage_access_changes', '');
         RETURN NULL;
       END $$`,
    );
    for (const table of ['spaces', 'space_members']) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_access_changes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
         FOR EACH STATEMENT EXECUTE FUNCTION "notify_access_changes"()`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['spaces', 'space_members']) {
      await queryRunner.query(`DROP TRIGGER "${table}_access_changes" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION "notify_access_changes"()`);
  }
}
