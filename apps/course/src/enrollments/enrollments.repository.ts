import { queryRows } from '@platform/database';
import { Injectable } from '@nestjs/common';
import { type EnrollmentStatus } from '@platform/contracts';
import { DataSource } from 'typeorm';
import { LockingRepository } from '../common/locking.repository';
import { Enrollment, SEATED_STATUSES } from './enrollment.entity';

@Injectable()
export class EnrollmentsRepository extends LockingRepository<Enrollment> {
  constructor(dataSource: DataSource) {
    super(dataSource, Enrollment, {
      filterable: ['userId', 'courseId', 'status', 'orderItemId'],
      sortable: ['createdAt'],
      defaultSort: { createdAt: 'DESC' },
    });
  }

  /** The user's active or completed enrollment in the course, if any (at most one exists). */
  async findSeated(courseId: string, userId: string): Promise<Enrollment | null> {
    return this.findOne({
      courseId: { eq: courseId },
      userId: { eq: userId },
      status: { in: SEATED_STATUSES },
    });
  }

  async findByOrderItem(orderItemId: string): Promise<Enrollment | null> {
    return this.findOne({ orderItemId: { eq: orderItemId } });
  }

  /**
   * Moves the enrollment from one of `from` to `to` in one conditional UPDATE; false when it
   * was not in `from` any more (someone else moved it first), so a seat is never freed twice.
   */
  async transition(
    enrollmentId: string,
    from: readonly EnrollmentStatus[],
    to: 'completed' | 'dropped' | 'refunded',
  ): Promise<boolean> {
    const rows = await queryRows(
      this.manager,
      `UPDATE enrollments
       SET status = $3::text, updated_at = now(),
           completed_at = CASE WHEN $3::text = 'completed' THEN now() ELSE completed_at END,
           ended_at = CASE WHEN $3::text = 'completed' THEN ended_at ELSE now() END
       WHERE id = $1 AND status = ANY($2::text[]) RETURNING id`,
      [enrollmentId, from, to],
    );
    return rows.length === 1;
  }
}
