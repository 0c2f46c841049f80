import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCommerceTables1795309921184 implements MigrationInterface {
  name = 'CreateCommerceTables1795309921184';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "idempotency_keys" (
                "user_id" uuid NOT NULL,
                "operation" character varying(40) NOT NULL,
                "key" character varying(255) NOT NULL,
                "request_hash" character(64) NOT NULL,
                "state" character varying(16) NOT NULL,
                "reply" json,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "completed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "chk_idempotency_keys_state" CHECK ("state" IN ('in_progress', 'completed')),
                CONSTRAINT "pk_idempotency_keys_user_id_operation_key" PRIMARY KEY ("user_id", "operation", "key")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_idempotency_keys_created_at" ON "idempotency_keys" ("created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "products" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" uuid,
                "updated_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                "sku" character varying(64) NOT NULL,
                "name" character varying(200) NOT NULL,
                "price_cents" integer NOT NULL,
                "currency" character(3) NOT NULL,
                "course_id" uuid,
                "is_active" boolean NOT NULL DEFAULT true,
                "owner_id" uuid,
                "course_version" integer,
                "course_archived_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "chk_products_currency" CHECK ("currency" ~ '^[A-Z]{3}$'),
                CONSTRAINT "chk_products_price_cents" CHECK ("price_cents" >= 0),
                CONSTRAINT "pk_products_id" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_products_course_id" ON "products" ("course_id")
            WHERE "deleted_at" IS NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_products_sku" ON "products" ("sku")
            WHERE "deleted_at" IS NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "inventory_items" (
                "product_id" uuid NOT NULL,
                "on_hand" integer NOT NULL,
                "reserved" integer NOT NULL DEFAULT '0',
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_inventory_items_reserved_on_hand" CHECK ("reserved" <= "on_hand"),
                CONSTRAINT "chk_inventory_items_reserved" CHECK ("reserved" >= 0),
                CONSTRAINT "chk_inventory_items_on_hand" CHECK ("on_hand" >= 0),
                CONSTRAINT "pk_inventory_items_product_id" PRIMARY KEY ("product_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "invoice_counters" (
                "series" character varying(8) NOT NULL,
                "year" integer NOT NULL,
                "last_number" integer NOT NULL,
                CONSTRAINT "chk_invoice_counters_last_number" CHECK ("last_number" >= 0),
                CONSTRAINT "pk_invoice_counters_series_year" PRIMARY KEY ("series", "year")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "orders" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "user_id" uuid NOT NULL,
                "status" character varying(24) NOT NULL,
                "currency" character(3) NOT NULL,
                "total_cents" integer NOT NULL,
                "refunded_cents" integer NOT NULL DEFAULT '0',
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "idempotency_key" character varying(255),
                "pending_payment_id" uuid,
                "payment_id" uuid,
                "invoice_id" uuid,
                "paid_at" TIMESTAMP WITH TIME ZONE,
                "canceled_at" TIMESTAMP WITH TIME ZONE,
                "canceled_by" character varying(16),
                "cancel_reason" character varying(64),
                "expired_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "chk_orders_currency" CHECK ("currency" ~ '^[A-Z]{3}$'),
                CONSTRAINT "chk_orders_refunded_cents_total_cents" CHECK (
                    "refunded_cents" >= 0
                    AND "refunded_cents" <= "total_cents"
                ),
                CONSTRAINT "chk_orders_total_cents" CHECK ("total_cents" >= 0),
                CONSTRAINT "chk_orders_canceled_by" CHECK ("canceled_by" IN ('customer', 'admin', 'system')),
                CONSTRAINT "chk_orders_status" CHECK (
                    "status" IN (
                        'pending_payment',
                        'paid',
                        'partially_refunded',
                        'refunded',
                        'canceled',
                        'expired'
                    )
                ),
                CONSTRAINT "pk_orders_id" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_orders_user_id_idempotency_key" ON "orders" ("user_id", "idempotency_key")
            WHERE "idempotency_key" IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_orders_expires_at_pending" ON "orders" ("expires_at")
            WHERE "status" = 'pending_payment'
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_orders_user_id_created_at" ON "orders" ("user_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "invoices" (
                "id" uuid NOT NULL,
                "kind" character varying(16) NOT NULL,
                "number" character varying(32) NOT NULL,
                "year" integer NOT NULL,
                "sequence" integer NOT NULL,
                "order_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "currency" character(3) NOT NULL,
                "total_cents" integer NOT NULL,
                "lines" jsonb NOT NULL,
                "corrects_invoice_id" uuid,
                "refund_id" uuid,
                "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_invoices_sequence" CHECK ("sequence" > 0),
                CONSTRAINT "chk_invoices_total_cents" CHECK ("total_cents" >= 0),
                CONSTRAINT "chk_invoices_kind" CHECK ("kind" IN ('invoice', 'credit_note')),
                CONSTRAINT "pk_invoices_id" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_invoices_refund_id" ON "invoices" ("refund_id")
            WHERE "refund_id" IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_invoices_order_id_invoice" ON "invoices" ("order_id")
            WHERE "kind" = 'invoice'
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_invoices_number" ON "invoices" ("number")
        `);
    await queryRunner.query(`
            CREATE TABLE "order_items" (
                "id" uuid NOT NULL,
                "order_id" uuid NOT NULL,
                "product_id" uuid NOT NULL,
                "course_id" uuid,
                "sku" character varying(64) NOT NULL,
                "name" character varying(200) NOT NULL,
                "unit_price_cents" integer NOT NULL,
                "quantity" integer NOT NULL,
                "line_total_cents" integer NOT NULL,
                "is_stock_reserved" boolean NOT NULL DEFAULT false,
                "refund_id" uuid,
                "refunded_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "chk_order_items_line_total_cents_unit_price_cents_quantity" CHECK (
                    "line_total_cents" = "unit_price_cents" * "quantity"
                ),
                CONSTRAINT "chk_order_items_unit_price_cents" CHECK ("unit_price_cents" >= 0),
                CONSTRAINT "chk_order_items_quantity" CHECK ("quantity" > 0),
                CONSTRAINT "pk_order_items_id" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_order_items_product_id" ON "order_items" ("product_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_order_items_order_id" ON "order_items" ("order_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "payments" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "order_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "status" character varying(16) NOT NULL,
                "amount_cents" integer NOT NULL,
                "currency" character(3) NOT NULL,
                "provider" character varying(32) NOT NULL,
                "idempotency_key" character varying(255) NOT NULL,
                "provider_authorization_id" character varying(100),
                "provider_capture_id" character varying(100),
                "decline_code" character varying(64),
                "refunded_cents" integer NOT NULL DEFAULT '0',
                "captured_at" TIMESTAMP WITH TIME ZONE,
                "confirmed_at" TIMESTAMP WITH TIME ZONE,
                "next_check_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "chk_payments_refunded_cents_amount_cents" CHECK (
                    "refunded_cents" >= 0
                    AND "refunded_cents" <= "amount_cents"
                ),
                CONSTRAINT "chk_payments_amount_cents" CHECK ("amount_cents" >= 0),
                CONSTRAINT "chk_payments_status" CHECK (
                    "status" IN ('pending', 'captured', 'declined', 'failed')
                ),
                CONSTRAINT "pk_payments_id" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_payments_next_check_at_pending" ON "payments" ("next_check_at")
            WHERE "status" = 'pending'
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_payments_order_id_captured" ON "payments" ("order_id")
            WHERE "status" = 'captured'
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_payments_order_id" ON "payments" ("order_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "payment_webhook_events" (
                "provider" character varying(32) NOT NULL,
                "event_id" character varying(100) NOT NULL,
                "type" character varying(64) NOT NULL,
                "outcome" character varying(32) NOT NULL,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_payment_webhook_events_provider_event_id" PRIMARY KEY ("provider", "event_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "refunds" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "order_id" uuid NOT NULL,
                "payment_id" uuid NOT NULL,
                "status" character varying(16) NOT NULL,
                "amount_cents" integer NOT NULL,
                "reason" character varying(500) NOT NULL,
                "automatic_reason" character varying(64),
                "order_item_ids" uuid array NOT NULL DEFAULT '{}',
                "requested_by" uuid,
                "idempotency_key" character varying(255),
                "provider_refund_id" character varying(100),
                "credit_note_id" uuid,
                "failure_reason" character varying(200),
                "completed_at" TIMESTAMP WITH TIME ZONE,
                "next_check_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "chk_refunds_amount_cents" CHECK ("amount_cents" > 0),
                CONSTRAINT "chk_refunds_status" CHECK ("status" IN ('pending', 'succeeded', 'failed')),
                CONSTRAINT "pk_refunds_id" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_refunds_next_check_at_pending" ON "refunds" ("next_check_at")
            WHERE "status" = 'pending'
        `);
    await queryRunner.query(`
            CREATE INDEX "idx_refunds_order_id" ON "refunds" ("order_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "inventory_items"
            ADD CONSTRAINT "fk_inventory_items_product_id" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "invoices"
            ADD CONSTRAINT "fk_invoices_order_id" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "order_items"
            ADD CONSTRAINT "fk_order_items_order_id" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "order_items"
            ADD CONSTRAINT "fk_order_items_product_id" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "payments"
            ADD CONSTRAINT "fk_payments_order_id" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "refunds"
            ADD CONSTRAINT "fk_refunds_order_id" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "refunds"
            ADD CONSTRAINT "fk_refunds_payment_id" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    // Issued documents never change: a correction is a credit note. Enforced below the ORM.
    await queryRunner.query(`
            CREATE FUNCTION "invoices_are_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'invoices are immutable: issue a credit note instead' USING ERRCODE = 'restrict_violation';
            END $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "trg_invoices_immutable" BEFORE UPDATE OR DELETE ON "invoices"
            FOR EACH ROW EXECUTE FUNCTION "invoices_are_immutable"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TRIGGER "trg_invoices_immutable" ON "invoices"
        `);
    await queryRunner.query(`
            DROP FUNCTION "invoices_are_immutable"()
        `);
    await queryRunner.query(`
            ALTER TABLE "refunds" DROP CONSTRAINT "fk_refunds_payment_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "refunds" DROP CONSTRAINT "fk_refunds_order_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "payments" DROP CONSTRAINT "fk_payments_order_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "order_items" DROP CONSTRAINT "fk_order_items_product_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "order_items" DROP CONSTRAINT "fk_order_items_order_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "invoices" DROP CONSTRAINT "fk_invoices_order_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "inventory_items" DROP CONSTRAINT "fk_inventory_items_product_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_refunds_order_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_refunds_next_check_at_pending"
        `);
    await queryRunner.query(`
            DROP TABLE "refunds"
        `);
    await queryRunner.query(`
            DROP TABLE "payment_webhook_events"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_payments_order_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_payments_order_id_captured"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_payments_next_check_at_pending"
        `);
    await queryRunner.query(`
            DROP TABLE "payments"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_order_items_order_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_order_items_product_id"
        `);
    await queryRunner.query(`
            DROP TABLE "order_items"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_invoices_number"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_invoices_order_id_invoice"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_invoices_refund_id"
        `);
    await queryRunner.query(`
            DROP TABLE "invoices"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_orders_user_id_created_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_orders_expires_at_pending"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_orders_user_id_idempotency_key"
        `);
    await queryRunner.query(`
            DROP TABLE "orders"
        `);
    await queryRunner.query(`
            DROP TABLE "invoice_counters"
        `);
    await queryRunner.query(`
            DROP TABLE "inventory_items"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_products_sku"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_products_course_id"
        `);
    await queryRunner.query(`
            DROP TABLE "products"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."idx_idempotency_keys_created_at"
        `);
    await queryRunner.query(`
            DROP TABLE "idempotency_keys"
        `);
  }
}
