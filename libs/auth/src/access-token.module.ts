import { type DynamicModule, Module } from '@nestjs/common';
import { IdentityPatterns, ServiceClient } from '@platform/contracts';
import { AccessTokenGuard } from './http/access-token.guard';
import { AccessTokenVerifier, type AccessTokenVerifierOptions } from './verification/access-token-verifier';

export interface AccessTokenModuleOptions extends Omit<AccessTokenVerifierOptions, 'fetchJwks'> {
  /** How long one JWKS fetch from identity may take. Default 2 s. */
  jwksTimeoutMs?: number;
}

/**
 * Token verification for an HTTP edge: the verifier, fed with identity's JWKS over
 * request/reply (`IdentityPatterns.jwks`; needs RequestReplyModule), and the guard. The
 * importing app decides where the guard runs (the gateway makes it global, first).
 */
@Module({})
export class AccessTokenModule {
  static forRoot(options: AccessTokenModuleOptions): DynamicModule {
    const { jwksTimeoutMs = 2_000, ...verifierOptions } = options;
    return {
      module: AccessTokenModule,
      providers: [
        {
          provide: AccessTokenVerifier,
          inject: [ServiceClient],
          useFactory: (client: ServiceClient) =>
            new AccessTokenVerifier({
              ...verifierOptions,
              fetchJwks: () => client.send(IdentityPatterns.jwks, {}, { timeoutMs: jwksTimeoutMs }),
            }),
        },
        AccessTokenGuard,
      ],
      exports: [AccessTokenVerifier, AccessTokenGuard],
    };
  }
}
