export * from './access-token';
export * from './access-token.module';
export * from './authorization';
export * from './http/access-token.guard';
export * from './http/auth.decorators';
export * from './http/caller';
export * from './verification/access-token-verifier';
export * from './verification/jwks-cache';
