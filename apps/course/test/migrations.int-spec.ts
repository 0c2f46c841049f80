import { assertEntitiesMatchMigrations, assertMigrationsReversible } from '@platform/testing';
import { COURSE_ENTITIES, COURSE_MIGRATIONS } from '../src/database';

describe('course_db migrations', () => {
  it('build exactly the schema the entities declare', async () => {
    await assertEntitiesMatchMigrations({
      entities: COURSE_ENTITIES,
      migrations: COURSE_MIGRATIONS,
      label: 'course_migrations',
    });
  });

  it('can each be reverted and applied again', async () => {
    await assertMigrationsReversible({
      entities: COURSE_ENTITIES,
      migrations: COURSE_MIGRATIONS,
      label: 'course_migrations_rev',
    });
  });
});
