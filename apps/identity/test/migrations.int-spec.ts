import { assertEntitiesMatchMigrations, assertMigrationsReversible } from '@platform/testing';
import { IDENTITY_ENTITIES, IDENTITY_MIGRATIONS } from '../src/database';

describe('identity migrations', () => {
  it('build exactly the schema the entities describe', async () => {
    await assertEntitiesMatchMigrations({
      entities: IDENTITY_ENTITIES,
      migrations: IDENTITY_MIGRATIONS,
      label: 'identity_migrations',
    });
  });

  it('reverse cleanly, one by one', async () => {
    await assertMigrationsReversible({
      entities: IDENTITY_ENTITIES,
      migrations: IDENTITY_MIGRATIONS,
      label: 'identity_migrations_down',
    });
  });
});
