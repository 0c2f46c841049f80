import { queryRows } from '@platform/database';
import { Injectable } from '@nestjs/common';
import { type CourseLevel, type CourseSort } from '@platform/contracts';
import { type Page } from '@platform/database';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { LockingRepository } from '../common/locking.repository';
import { Course } from './course.entity';

export interface CourseSearch {
  q?: string;
  categoryId?: string;
  level?: CourseLevel;
  minRating?: number;
  maxPriceCents?: number;
  sort: CourseSort;
  limit?: number;
  offset?: number;
}

export type SeatKind = 'free' | 'hold' | 'purchase';

const PRICE_CONDITION: Record<SeatKind, string> = {
  free: 'AND price_cents = 0',
  hold: 'AND price_cents > 0',
  purchase: '',
};

export interface CourseRating {
  ratingAvg: number;
  ratingCount: number;
}

/** A category and everything below it. */
const CATEGORY_SUBTREE = `WITH RECURSIVE subtree AS (
    SELECT id FROM categories WHERE id = :categoryId
    UNION ALL
    SELECT child.id FROM categories child JOIN subtree ON child.parent_id = subtree.id
  ) SELECT id FROM subtree`;

const QUERY = `websearch_to_tsquery('english', :q)`;

/** Orders of the catalog sorts; the repository appends the id so pages stay stable. */
const ORDER_BY: Record<Exclude<CourseSort, 'relevance'>, [string, 'ASC' | 'DESC'][]> = {
  rating: [
    ['entity.ratingAvg', 'DESC'],
    ['entity.ratingCount', 'DESC'],
  ],
  newest: [['entity.publishedAt', 'DESC']],
  popular: [
    ['entity.enrollmentCount', 'DESC'],
    ['entity.ratingAvg', 'DESC'],
  ],
};

/**
 * Courses, and the counters that guard them. Counters (seats, enrollments, ratings) change
 * only through single conditional UPDATE statements in SQL: never read-modify-write, and
 * never through TypeORM's update builder, which would bump `version` and make an
 * instructor's edit conflict with every enrollment.
 */
@Injectable()
export class CoursesRepository extends LockingRepository<Course> {
  constructor(dataSource: DataSource) {
    super(dataSource, Course, {
      filterable: ['instructorId', 'status'],
      sortable: ['createdAt'],
      defaultSort: { createdAt: 'DESC' },
    });
  }

  /** Published courses matching the catalog's filters, full text ranked by ts_rank_cd (title weighs more). */
  async search(search: CourseSearch): Promise<Page<Course>> {
    return this.list({ limit: search.limit, offset: search.offset, sort: {} }, (qb) => {
      qb.andWhere(`entity.status = 'published'`);
      if (search.q) qb.andWhere(`entity.searchVector @@ ${QUERY}`, { q: search.q });
      if (search.categoryId) {
        qb.andWhere(`entity.categoryId IN (${CATEGORY_SUBTREE})`, { categoryId: search.categoryId });
      }
      if (search.level) qb.andWhere('entity.level = :level', { level: search.level });
      if (search.minRating !== undefined) {
        qb.andWhere('entity.ratingAvg >= :minRating', { minRating: search.minRating });
      }
      if (search.maxPriceCents !== undefined) {
        qb.andWhere('entity.priceCents <= :maxPriceCents', { maxPriceCents: search.maxPriceCents });
      }
      this.order(qb, search);
    });
  }

  private order(qb: SelectQueryBuilder<Course>, search: CourseSearch): void {
    if (search.sort === 'relevance' && search.q) {
      qb.orderBy(`ts_rank_cd(entity.searchVector, ${QUERY})`, 'DESC');
      qb.addOrderBy('entity.publishedAt', 'DESC');
      return;
    }
    for (const [column, direction] of ORDER_BY[search.sort === 'relevance' ? 'newest' : search.sort]) {
      qb.addOrderBy(column, direction);
    }
  }

  /** id → title, deleted courses included (enrollments and certificates outlive them). */
  async titlesOf(courseIds: readonly string[]): Promise<Map<string, string>> {
    if (courseIds.length === 0) return new Map();
    const rows = await this.guard(() =>
      this.select({ withDeleted: true })
        .select(['entity.id', 'entity.title'])
        .andWhere('entity.id IN (:...courseIds)', { courseIds: [...new Set(courseIds)] })
        .getMany(),
    );
    return new Map(rows.map((row) => [row.id, row.title]));
  }

  /**
   * Takes one seat if the course is published, not full, and priced for the way the seat is
   * taken: the checks and the increment are one statement, so concurrent takers can never
   * pass capacity, and a course turning paid mid-request admits no more free learners.
   * - free: self-enrollment in a free course (counts a learner);
   * - hold: a seat held for an order of a paid course;
   * - purchase: a paid order item with no hold left (counts a learner; the price was paid).
   */
  async takeSeat(courseId: string, kind: SeatKind): Promise<boolean> {
    const rows = await queryRows(
      this.manager,
      `UPDATE courses SET seats_taken = seats_taken + 1, enrollment_count = enrollment_count + $2
       WHERE id = $1 AND deleted_at IS NULL AND status = 'published'
         AND (capacity IS NULL OR seats_taken < capacity) ${PRICE_CONDITION[kind]}
       RETURNING id`,
      [courseId, kind === 'hold' ? 0 : 1],
    );
    return rows.length === 1;
  }

  /** Gives seats back (drop, refund, released holds); `enrollments` of them were enrollments. */
  async releaseSeats(courseId: string, seats: number, enrollments: number): Promise<void> {
    await queryRows(
      this.manager,
      `UPDATE courses SET seats_taken = seats_taken - $2, enrollment_count = enrollment_count - $3 WHERE id = $1`,
      [courseId, seats, enrollments],
    );
  }

  /** A held seat became an enrollment: the seat stays taken, the learner is counted. */
  async countEnrollmentOfHeldSeat(courseId: string): Promise<void> {
    await queryRows(
      this.manager,
      `UPDATE courses SET enrollment_count = enrollment_count + 1 WHERE id = $1`,
      [courseId],
    );
  }

  /**
   * Adds `delta` to the rating sum and `countDelta` to the count, and recomputes the average
   * from the new values, all in one statement: concurrent reviews never lose an update.
   */
  async adjustRating(courseId: string, sumDelta: number, countDelta: number): Promise<CourseRating> {
    const [row] = await queryRows<{ rating_avg: string; rating_count: number }>(
      this.manager,
      `UPDATE courses
       SET rating_sum = rating_sum + $2,
           rating_count = rating_count + $3,
           rating_avg = CASE WHEN rating_count + $3 = 0 THEN 0
                             ELSE round((rating_sum + $2)::numeric / (rating_count + $3), 2) END
       WHERE id = $1
       RETURNING rating_avg, rating_count`,
      [courseId, sumDelta, countDelta],
    );
    return { ratingAvg: Number(row.rating_avg), ratingCount: row.rating_count };
  }

  /** Soft-deletes the course only while nobody holds a seat in it. */
  async softDeleteIfEmpty(courseId: string, deletedBy: string): Promise<boolean> {
    const rows = await queryRows(
      this.manager,
      `UPDATE courses SET deleted_at = now(), updated_at = now(), updated_by = $2, version = version + 1
       WHERE id = $1 AND deleted_at IS NULL AND seats_taken = 0 RETURNING id`,
      [courseId, deletedBy],
    );
    return rows.length === 1;
  }
}
