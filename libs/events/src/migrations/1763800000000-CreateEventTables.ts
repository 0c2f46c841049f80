import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The outbox and inbox tables of libs/events. Every PostgreSQL service lists this
 * migration with its own, so each service database holds its own outbox and inbox.
 */
export class CreateEventTables1763800000000 implements MigrationInterface {
  name = 'CreateEventTables1763800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "outbox" (
      "id" uuid NOT NULL,
      "sequence" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
      "type" character varying(200) NOT NULL,
      "version" integer NOT NULL,
      "aggregate_id" character varying(100) NOT NULL,
      "envelope" jsonb NOT NULL,
      "trace" jsonb,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "published_at" TIMESTAMP WITH TIME ZONE,
      "attempts" integer NOT NULL DEFAULT 0,
      "last_error" text,
      CONSTRAINT "pk_outbox_id" PRIMARY KEY ("id"))`);
    await runner.query(
      `CREATE INDEX "idx_outbox_unsent" ON "outbox" ("sequence") WHERE "published_at" IS NULL`,
    );
    await runner.query(
      `CREATE INDEX "idx_outbox_unsent_aggregate" ON "outbox" ("aggregate_id", "sequence") WHERE "published_at" IS NULL`,
    );
    await runner.query(
      `CREATE INDEX "idx_outbox_published_at" ON "outbox" ("published_at") WHERE "published_at" IS NOT NULL`,
    );
    await runner.query(`CREATE TABLE "inbox" (
      "consumer" character varying(200) NOT NULL,
      "event_id" uuid NOT NULL,
      "type" character varying(200) NOT NULL,
      "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_inbox_consumer_event_id" PRIMARY KEY ("consumer", "event_id"))`);
    await runner.query(`CREATE INDEX "idx_inbox_processed_at" ON "inbox" ("processed_at")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "idx_inbox_processed_at"`);
    await runner.query(`DROP TABLE "inbox"`);
    await runner.query(`DROP INDEX "idx_outbox_published_at"`);
    await runner.query(`DROP INDEX "idx_outbox_unsent_aggregate"`);
    await runner.query(`DROP INDEX "idx_outbox_unsent"`);
    await runner.query(`DROP TABLE "outbox"`);
  }
}
