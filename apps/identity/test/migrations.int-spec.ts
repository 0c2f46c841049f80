import { describeMigrationChecks } from '@platform/testing';
import { IDENTITY_ENTITIES, IDENTITY_MIGRATIONS } from '../src/database';

describeMigrationChecks('identity_db', { entities: IDENTITY_ENTITIES, migrations: IDENTITY_MIGRATIONS });
