import { WithAudit, WithIntPk, WithSoftDelete, WithTimestamps, WithUuidPk, WithVersion } from './mixins';

/** The empty root every entity grows from; it exists so mixins have something to extend. */
export abstract class EntityRoot {}

/** id (UUIDv7). */
export abstract class UuidBase extends WithUuidPk(EntityRoot) {}

/** id (integer identity), created_at, updated_at: internal tables. */
export abstract class IntTimestampedBase extends WithTimestamps(WithIntPk(EntityRoot)) {}

/** id, created_at, updated_at. */
export abstract class UuidTimestampedBase extends WithTimestamps(WithUuidPk(EntityRoot)) {}

/** id, created_at, updated_at, created_by, updated_by. */
export abstract class UuidAuditedBase extends WithAudit(WithTimestamps(WithUuidPk(EntityRoot))) {}

/** id, created_at, updated_at, version: rows edited concurrently but never soft-deleted. */
export abstract class UuidVersionedBase extends WithVersion(WithTimestamps(WithUuidPk(EntityRoot))) {}

/**
 * id, created_at, updated_at, created_by, updated_by, version, deleted_at: what an
 * aggregate root edited by people usually wants (users, courses, products).
 */
export abstract class UuidAggregateBase extends WithSoftDelete(
  WithVersion(WithAudit(WithTimestamps(WithUuidPk(EntityRoot)))),
) {}
