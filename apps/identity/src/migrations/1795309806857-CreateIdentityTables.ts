import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdentityTables1795309806857 implements MigrationInterface {
  name = 'CreateIdentityTables1795309806857';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" uuid,
                "updated_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                "email" character varying(254) NOT NULL,
                "password_hash" text NOT NULL,
                "name" character varying(100) NOT NULL,
                "roles" character varying(16) array NOT NULL DEFAULT '{student}',
                "status" character varying(16) NOT NULL DEFAULT 'active',
                "email_verified_at" TIMESTAMP WITH TIME ZONE,
                "bio" character varying(2000),
                "avatar_url" character varying(2048),
                "headline" character varying(160),
                "locale" character varying(35),
                "timezone" character varying(64),
                "region" character varying(32),
                "failed_login_count" integer NOT NULL DEFAULT '0',
                "last_failed_login_at" TIMESTAMP WITH TIME ZONE,
                "locked_until" TIMESTAMP WITH TIME ZONE,
                "last_login_at" TIMESTAMP WITH TIME ZONE,
                "password_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_users_status_deleted_at" CHECK (
                    ("status" = 'deleted') = ("deleted_at" IS NOT NULL)
                ),
                CONSTRAINT "chk_users_failed_login_count" CHECK ("failed_login_count" >= 0),
                CONSTRAINT "chk_users_roles" CHECK (
                    cardinality("roles") >= 1
                    AND "roles" <@ ARRAY ['student', 'instructor', 'admin']::varchar []
                ),
                CONSTRAINT "chk_users_status" CHECK (
                    "status" IN ('active', 'locked', 'disabled', 'deleted')
                ),
                CONSTRAINT "chk_users_email_btrim" CHECK ("email" = lower(btrim("email"))),
                CONSTRAINT "pk_users_id" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_users_created_at" ON "users" ("created_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_users_email" ON "users" ("email")
            WHERE "deleted_at" IS NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "account_tokens" (
                "id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "purpose" character varying(32) NOT NULL,
                "token_hash" character(64) NOT NULL,
                "email" character varying(254) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "consumed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "chk_account_tokens_expires_at_created_at" CHECK ("expires_at" > "created_at"),
                CONSTRAINT "chk_account_tokens_purpose" CHECK (
                    "purpose" IN ('email_verification', 'password_reset')
                ),
                CONSTRAINT "pk_account_tokens_id" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_account_tokens_user_id_purpose" ON "account_tokens" ("user_id", "purpose")
            WHERE "consumed_at" IS NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_account_tokens_token_hash" ON "account_tokens" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE TABLE "security_events" (
                "id" uuid NOT NULL,
                "type" character varying(48) NOT NULL,
                "user_id" uuid,
                "actor_id" uuid,
                "ip" character varying(64),
                "user_agent" character varying(256),
                "correlation_id" character varying(128) NOT NULL,
                "details" jsonb NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_security_events_id" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_security_events_type_created_at" ON "security_events" ("type", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_security_events_user_id_created_at" ON "security_events" ("user_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "sessions" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "user_id" uuid NOT NULL,
                "last_used_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "revoked_reason" character varying(32),
                "ip" character varying(64),
                "user_agent" character varying(256),
                CONSTRAINT "chk_sessions_revoked_at_revoked_reason" CHECK (
                    ("revoked_at" IS NULL) = ("revoked_reason" IS NULL)
                ),
                CONSTRAINT "chk_sessions_expires_at_created_at" CHECK ("expires_at" > "created_at"),
                CONSTRAINT "pk_sessions_id" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_sessions_user_id_live" ON "sessions" ("user_id")
            WHERE "revoked_at" IS NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "refresh_tokens" (
                "id" uuid NOT NULL,
                "session_id" uuid NOT NULL,
                "token_hash" character(64) NOT NULL,
                "parent_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "rotated_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "chk_refresh_tokens_expires_at_created_at" CHECK ("expires_at" > "created_at"),
                CONSTRAINT "pk_refresh_tokens_id" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_refresh_tokens_session_id" ON "refresh_tokens" ("session_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_refresh_tokens_parent_id" ON "refresh_tokens" ("parent_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_refresh_tokens_token_hash" ON "refresh_tokens" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE TABLE "signing_keys" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "algorithm" character varying(10) NOT NULL,
                "public_jwk" jsonb NOT NULL,
                "private_key_encrypted" text NOT NULL,
                "activates_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "retired_at" TIMESTAMP WITH TIME ZONE,
                "verify_until" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "chk_signing_keys_retired_at_verify_until" CHECK (
                    ("retired_at" IS NULL) = ("verify_until" IS NULL)
                ),
                CONSTRAINT "chk_signing_keys_retired_at_activates_at" CHECK (
                    "retired_at" IS NULL
                    OR "retired_at" >= "activates_at"
                ),
                CONSTRAINT "chk_signing_keys_algorithm" CHECK ("algorithm" = 'ES256'),
                CONSTRAINT "pk_signing_keys_id" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "account_tokens"
            ADD CONSTRAINT "fk_account_tokens_user_id" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sessions"
            ADD CONSTRAINT "fk_sessions_user_id" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "refresh_tokens"
            ADD CONSTRAINT "fk_refresh_tokens_session_id" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "refresh_tokens" DROP CONSTRAINT "fk_refresh_tokens_session_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "sessions" DROP CONSTRAINT "fk_sessions_user_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "account_tokens" DROP CONSTRAINT "fk_account_tokens_user_id"
        `);
    await queryRunner.query(`
            DROP TABLE "signing_keys"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_refresh_tokens_token_hash"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_refresh_tokens_parent_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_refresh_tokens_session_id"
        `);
    await queryRunner.query(`
            DROP TABLE "refresh_tokens"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_sessions_user_id_live"
        `);
    await queryRunner.query(`
            DROP TABLE "sessions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_security_events_user_id_created_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_security_events_type_created_at"
        `);
    await queryRunner.query(`
            DROP TABLE "security_events"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_account_tokens_token_hash"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_account_tokens_user_id_purpose"
        `);
    await queryRunner.query(`
            DROP TABLE "account_tokens"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_users_email"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_users_created_at"
        `);
    await queryRunner.query(`
            DROP TABLE "users"
        `);
  }
}
