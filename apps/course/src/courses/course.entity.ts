import { type CourseLevel, type CourseStatus } from '@platform/contracts';
import { UuidAggregateBase } from '@platform/database';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Category } from '../categories/category.entity';

/** numeric comes back from pg as a string (it may not fit a double); ratings always do. */
const numericAsNumber = {
  to: (value: number | null): number | null => value,
  from: (value: string | null): number | null => (value === null ? null : Number(value)),
};

/**
 * A course and the counters that guard it. `seats_taken` counts active and completed
 * enrollments plus unexpired seat holds of pending orders; it changes only through one
 * conditional UPDATE (CoursesRepository.takeSeat/releaseSeats), and the CHECK below is the
 * last line of defence: seats never exceed capacity, whatever the code does.
 */
@Entity('courses')
@Check(`"price_cents" >= 0`)
@Check(`"currency" ~ '^[A-Z]{3}$'`)
@Check(`"capacity" IS NULL OR "capacity" > 0`)
@Check(`"seats_taken" >= 0 AND ("capacity" IS NULL OR "seats_taken" <= "capacity")`)
@Check(`"enrollment_count" >= 0`)
@Check(`"level" IN ('beginner', 'intermediate', 'advanced', 'all_levels')`)
@Check(`"status" IN ('draft', 'published', 'archived')`)
@Check(`"rating_count" >= 0 AND "rating_sum" BETWEEN "rating_count" AND 5 * "rating_count"`)
@Check(`"rating_avg" BETWEEN 0 AND 5`)
@Index('idx_courses_search_vector', ['searchVector'], { type: 'gin' })
@Index('idx_courses_instructor_id', ['instructorId'])
@Index('idx_courses_category_id', ['categoryId'])
@Index('idx_courses_published_at', ['publishedAt'], {
  where: `"status" = 'published' AND "deleted_at" IS NULL`,
})
export class Course extends UuidAggregateBase {
  @Column('varchar', { length: 200 })
  title!: string;

  @Column('text', { nullable: true })
  description!: string | null;

  @Column('uuid', { nullable: true })
  categoryId!: string | null;

  @ManyToOne(() => Category, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id' })
  category?: Category | null;

  @Column('varchar', { length: 20 })
  level!: CourseLevel;

  @Column('varchar', { length: 35, default: 'en' })
  language!: string;

  @Column('integer')
  priceCents!: number;

  @Column('varchar', { length: 3, default: 'USD' })
  currency!: string;

  /** null = unlimited. */
  @Column('integer', { nullable: true })
  capacity!: number | null;

  @Column('integer', { default: 0 })
  seatsTaken!: number;

  /** Active and completed enrollments: the "popular" sort and the learner count on a card. */
  @Column('integer', { default: 0 })
  enrollmentCount!: number;

  @Column('varchar', { length: 20, default: 'draft' })
  status!: CourseStatus;

  /** The owner; names come from the user_profiles projection. */
  @Column('uuid')
  instructorId!: string;

  @Column('timestamptz', { nullable: true })
  publishedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  archivedAt!: Date | null;

  /** Sum and count change together in one UPDATE per review, so the average is exact. */
  @Column('integer', { default: 0 })
  ratingCount!: number;

  @Column('integer', { default: 0 })
  ratingSum!: number;

  /** round(sum / count, 2), kept with them for filtering and sorting by an index-friendly column. */
  @Column('numeric', { precision: 3, scale: 2, default: 0, transformer: numericAsNumber })
  ratingAvg!: number;

  /**
   * Full-text document: title weighted A over description B. Maintained by the trigger
   * `courses_search_vector_refresh` (see the migration) rather than a generated column,
   * which TypeORM can only diff through its typeorm_metadata table.
   */
  @Column({ type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  searchVector?: string | null;
}
