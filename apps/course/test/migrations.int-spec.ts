import { describeMigrationChecks } from '@platform/testing';
import { COURSE_ENTITIES, COURSE_MIGRATIONS } from '../src/database';

describeMigrationChecks('course_db', { entities: COURSE_ENTITIES, migrations: COURSE_MIGRATIONS });
