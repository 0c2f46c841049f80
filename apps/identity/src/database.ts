import { EVENT_ENTITIES, EVENT_MIGRATIONS } from '@platform/events';
import { AccountToken } from './account-tokens/account-token.entity';
import { SecurityEvent } from './audit/security-event.entity';
import { RefreshToken } from './sessions/refresh-token.entity';
import { Session } from './sessions/session.entity';
import { SigningKey } from './signing-keys/signing-key.entity';
import { User } from './users/user.entity';
import { CreateIdentityTables1795309806857 } from './migrations/1795309806857-CreateIdentityTables';

/** Every entity of identity_db; the migrations below must build exactly these (see test/migrations). */
export const IDENTITY_ENTITIES = [
  ...EVENT_ENTITIES,
  User,
  Session,
  RefreshToken,
  SigningKey,
  AccountToken,
  SecurityEvent,
];

/** In order of their timestamps. `npm run migration -- identity generate <Name>` appends new ones. */
export const IDENTITY_MIGRATIONS = [...EVENT_MIGRATIONS, CreateIdentityTables1795309806857];
