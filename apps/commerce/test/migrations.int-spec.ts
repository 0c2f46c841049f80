import { describeMigrationChecks } from '@platform/testing';
import { COMMERCE_ENTITIES, COMMERCE_MIGRATIONS } from '../src/database';

describeMigrationChecks('commerce_db', { entities: COMMERCE_ENTITIES, migrations: COMMERCE_MIGRATIONS });
