import { Injectable } from '@nestjs/common';
import { IdentityPatterns, type JwksView, RequestHandler } from '@platform/contracts';
import { SigningKeysService } from './signing-keys.service';

@Injectable()
export class JwksHandlers {
  constructor(private readonly keys: SigningKeysService) {}

  /** Anyone: the public keys that verify access tokens. */
  @RequestHandler(IdentityPatterns.jwks)
  jwks(): Promise<JwksView> {
    return this.keys.jwks();
  }
}
