import { type DynamicModule, Global, Module } from '@nestjs/common';
import { PasswordHasher } from '@platform/auth';
import { IDENTITY_CONFIG, type IdentityConfig } from './config';
import { ServerSecrets } from './crypto/server-secrets';

/** What every identity feature may inject: the validated config and what derives from it. */
@Global()
@Module({})
export class IdentityCoreModule {
  static forRoot(config: IdentityConfig): DynamicModule {
    return {
      module: IdentityCoreModule,
      providers: [
        { provide: IDENTITY_CONFIG, useValue: config },
        {
          provide: ServerSecrets,
          useValue: new ServerSecrets(
            config.keyEncryptionSecret,
            config.IDENTITY_KEY_ENCRYPTION_SECRET_PREVIOUS,
          ),
        },
        {
          provide: PasswordHasher,
          useValue: new PasswordHasher({
            memoryCost: config.ARGON2_MEMORY_KIB,
            timeCost: config.ARGON2_TIME_COST,
            parallelism: config.ARGON2_PARALLELISM,
          }),
        },
      ],
      exports: [IDENTITY_CONFIG, ServerSecrets, PasswordHasher],
    };
  }
}
