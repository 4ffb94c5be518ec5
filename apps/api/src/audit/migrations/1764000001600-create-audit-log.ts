import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuditLog1764000001600 implements MigrationInterface {
  name = 'CreateAuditLog1764000001600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_entries" ("id" uuid NOT NULL, "action" text NOT NULL, "actor_id" uuid, "target" text NOT NULL, "details" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_audit_entries_action" CHECK ("action" IN ('invitation.created', 'invitation.revoked', 'member.role-changed', 'member.deactivated', 'member.reactivated', 'member.deleted', 'space.member-added', 'space.member-removed', 'post.hidden', 'post.restored', 'flags.dismissed')), CONSTRAINT "PK_6b1623bcad4d04530b76548d619" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_audit_entries_recent" ON "audit_entries"  ("created_at", "id") `);
    await queryRunner.query(
      `ALTER TABLE "audit_entries" ADD CONSTRAINT "FK_c2d369a2e8a9e3773f1682b8ac0" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_entries" DROP CONSTRAINT "FK_c2d369a2e8a9e3773f1682b8ac0"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_entries_recent"`);
    await queryRunner.query(`DROP TABLE "audit_entries"`);
  }
}
