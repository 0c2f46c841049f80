import { EVENT_ENTITIES, EVENT_MIGRATIONS } from '@platform/events';

/** Every entity of identity_db; the migrations below must build exactly these (see test/migrations). */
export const IDENTITY_ENTITIES = [...EVENT_ENTITIES];

/** In order of their timestamps. `npm run migration -- identity generate <Name>` appends new ones. */
export const IDENTITY_MIGRATIONS = [...EVENT_MIGRATIONS];
