import { UuidTimestampedBase } from '@platform/database';
import { Check, Column, Entity } from 'typeorm';

/** The public half of a key as JWKS serves it (RFC 7517), without `kid`/`alg`/`use`, which are columns. */
export interface PublicEcJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

/**
 * An access-token signing key, shared by every replica through the database. The id is the
 * JWT `kid`. Lifecycle: published (in the JWKS) → signs from `activates_at` → retired when
 * the next key activates (`retired_at`) → dropped from the JWKS at `verify_until`, once
 * every token it signed has expired. The private key is stored encrypted (AES-256-GCM).
 */
@Entity('signing_keys')
@Check(`"algorithm" = 'ES256'`)
@Check(`"retired_at" IS NULL OR "retired_at" >= "activates_at"`)
@Check(`("retired_at" IS NULL) = ("verify_until" IS NULL)`)
export class SigningKey extends UuidTimestampedBase {
  @Column('varchar', { length: 10 })
  algorithm!: 'ES256';

  @Column('jsonb')
  publicJwk!: PublicEcJwk;

  /** PKCS#8 PEM sealed by key-encryption.ts; never leaves the service. */
  @Column('text')
  privateKeyEncrypted!: string;

  @Column('timestamptz')
  activatesAt!: Date;

  @Column('timestamptz', { nullable: true })
  retiredAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  verifyUntil!: Date | null;
}
