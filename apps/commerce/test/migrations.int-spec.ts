import { assertEntitiesMatchMigrations, assertMigrationsReversible } from '@platform/testing';
import { COMMERCE_ENTITIES, COMMERCE_MIGRATIONS } from '../src/database';

describe('commerce_db migrations', () => {
  it('build exactly what the entities declare', async () => {
    await assertEntitiesMatchMigrations({
      entities: COMMERCE_ENTITIES,
      migrations: COMMERCE_MIGRATIONS,
      label: 'commerce_mig',
    });
  });

  it('reverse cleanly, one by one', async () => {
    await assertMigrationsReversible({
      entities: COMMERCE_ENTITIES,
      migrations: COMMERCE_MIGRATIONS,
      label: 'commerce_rev',
    });
  });
});
