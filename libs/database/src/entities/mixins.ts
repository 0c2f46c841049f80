import { newId } from '@platform/common';
import {
  BeforeInsert,
  Column,
  CreateDateColumn,
  DeleteDateColumn,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

/**
 * Capabilities an entity opts into, one mixin each (after Vendure's tiny base entity and
 * advanced-alchemy's mixins): a table takes exactly the columns it needs instead of
 * inheriting a god class. Prebuilt combinations with names live in bases.ts.
 */
// TypeScript only accepts a mixin base whose constructor takes `...args: any[]`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Constructor<T = object> = abstract new (...args: any[]) => T;

/** Integer identity key, for internal tables that never leave the service. */
export function WithIntPk<TBase extends Constructor>(Base: TBase) {
  abstract class IntPrimaryKey extends Base {
    @PrimaryGeneratedColumn('identity', { type: 'integer', generatedIdentity: 'ALWAYS' })
    id!: number;
  }
  return IntPrimaryKey;
}

/** UUIDv7 key generated in the application, so an id is known before the insert (events, links). */
export function WithUuidPk<TBase extends Constructor>(Base: TBase) {
  abstract class UuidPrimaryKey extends Base {
    @PrimaryColumn('uuid')
    id!: string;

    @BeforeInsert()
    protected assignIdBeforeInsert(): void {
      this.id ??= newId();
    }
  }
  return UuidPrimaryKey;
}

export function WithTimestamps<TBase extends Constructor>(Base: TBase) {
  abstract class Timestamped extends Base {
    @CreateDateColumn({ type: 'timestamptz' })
    createdAt!: Date;

    @UpdateDateColumn({ type: 'timestamptz' })
    updatedAt!: Date;
  }
  return Timestamped;
}

/** Who created and last changed the row, filled from the request context by the repository. */
export function WithAudit<TBase extends Constructor>(Base: TBase) {
  abstract class Audited extends Base {
    @Column('uuid', { nullable: true })
    createdBy!: string | null;

    @Column('uuid', { nullable: true })
    updatedBy!: string | null;
  }
  return Audited;
}

/** Rows are hidden, not removed; uniqueness then needs `UniqueAmongLive` instead of UNIQUE. */
export function WithSoftDelete<TBase extends Constructor>(Base: TBase) {
  abstract class SoftDeletable extends Base {
    @DeleteDateColumn({ type: 'timestamptz', nullable: true })
    deletedAt!: Date | null;
  }
  return SoftDeletable;
}

/**
 * Optimistic locking. The column alone guards nothing (TypeORM's save() does not check
 * it): BaseRepository.update writes `WHERE version = :expected` and fails on 0 rows.
 */
export function WithVersion<TBase extends Constructor>(Base: TBase) {
  abstract class Versioned extends Base {
    @VersionColumn({ default: 1 })
    version!: number;
  }
  return Versioned;
}
