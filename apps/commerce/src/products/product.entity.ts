import { UniqueAmongLive, UuidAggregateBase } from '@platform/database';
import { Check, Column, Entity } from 'typeorm';

/**
 * Something for sale. A product linked to a course (`courseId`) enrolls its buyer; course
 * products are created and kept in step by course events (price, title, archive), and
 * their seats are course's to count, so their stock is normally unlimited.
 */
@Entity('products')
@UniqueAmongLive('products', ['sku'])
@UniqueAmongLive('products', ['courseId'])
@Check(`"price_cents" >= 0`)
@Check(`"currency" ~ '^[A-Z]{3}$'`)
export class Product extends UuidAggregateBase {
  @Column('varchar', { length: 64 })
  sku!: string;

  @Column('varchar', { length: 200 })
  name!: string;

  @Column('integer')
  priceCents!: number;

  @Column('char', { length: 3 })
  currency!: string;

  @Column('uuid', { nullable: true })
  courseId!: string | null;

  @Column('boolean', { default: true })
  isActive!: boolean;

  /** The instructor whose product this is (they manage its stock); the course's instructor for course products. */
  @Column('uuid', { nullable: true })
  ownerId!: string | null;

  /** The version of the last `course.course.updated` applied, so a late, older event cannot undo a newer one. */
  @Column('integer', { nullable: true })
  courseVersion!: number | null;

  /** Archiving a course is final: a late `course.course.published` must not put it back on sale. */
  @Column('timestamptz', { nullable: true })
  courseArchivedAt!: Date | null;
}
