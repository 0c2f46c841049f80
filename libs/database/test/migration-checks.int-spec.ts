import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { Column, Entity } from 'typeorm';
import { UniqueAmongLive, UuidAggregateBase } from '@platform/database';
import { assertEntitiesMatchMigrations, assertMigrationsReversible } from '@platform/testing';

/** Throwaway entity: exists only to prove the checks catch drift. */
@Entity('widgets')
@UniqueAmongLive('widgets', ['code'])
class Widget extends UuidAggregateBase {
  @Column('varchar', { length: 20 })
  code!: string;

  @Column('integer', { default: 0 })
  weightGrams!: number;
}

const createWidgets = `CREATE TABLE "widgets" (
  "id" uuid NOT NULL,
  "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  "created_by" uuid, "updated_by" uuid,
  "version" integer NOT NULL DEFAULT 1,
  "deleted_at" TIMESTAMP WITH TIME ZONE,
  "code" character varying(20) NOT NULL,
  %WEIGHT%
  CONSTRAINT "pk_widgets_id" PRIMARY KEY ("id"))`;

class CreateWidgets1700000000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(createWidgets.replace('%WEIGHT%', '"weight_grams" integer NOT NULL DEFAULT 0,'));
    await runner.query(
      `CREATE UNIQUE INDEX "uq_widgets_code" ON "widgets" ("code") WHERE "deleted_at" IS NULL`,
    );
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "uq_widgets_code"`);
    await runner.query(`DROP TABLE "widgets"`);
  }
}

/** Forgets the weight_grams column the entity declares. */
class CreateWidgetsWithoutWeight1700000000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(createWidgets.replace('%WEIGHT%', ''));
    await runner.query(
      `CREATE UNIQUE INDEX "uq_widgets_code" ON "widgets" ("code") WHERE "deleted_at" IS NULL`,
    );
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "widgets"`);
  }
}

/** Its down() leaves an index behind. */
class AddWidgetIndex1700000000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX "idx_widgets_weight_grams" ON "widgets" ("weight_grams")`);
    await runner.query(
      `ALTER TABLE "widgets" ADD CONSTRAINT "chk_widgets_weight_grams" CHECK ("weight_grams" >= 0)`,
    );
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "widgets" DROP CONSTRAINT "chk_widgets_weight_grams"`);
  }
}

describe('migration checks', () => {
  it('pass when migrations build exactly what the entities declare', async () => {
    await expect(
      assertEntitiesMatchMigrations({ entities: [Widget], migrations: [CreateWidgets1700000000000] }),
    ).resolves.toBeUndefined();
    await expect(
      assertMigrationsReversible({ entities: [Widget], migrations: [CreateWidgets1700000000000] }),
    ).resolves.toBeUndefined();
  });

  it('catch an entity change that has no migration, naming the SQL it needs', async () => {
    await expect(
      assertEntitiesMatchMigrations({
        entities: [Widget],
        migrations: [CreateWidgetsWithoutWeight1700000000000],
      }),
    ).rejects.toThrow(/ADD "weight_grams" integer NOT NULL DEFAULT '0'/);
  });

  it('catch a down() that does not undo its up()', async () => {
    await expect(
      assertMigrationsReversible({
        entities: [Widget],
        migrations: [CreateWidgets1700000000000, AddWidgetIndex1700000000001],
      }),
    ).rejects.toThrow(
      /down\(\) of AddWidgetIndex1700000000001 does not undo its up\(\):\nindexes: extra .*idx_widgets_weight_grams/,
    );
  });
});
