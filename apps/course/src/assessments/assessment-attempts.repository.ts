import { queryRows } from '@platform/database';
import { Injectable } from '@nestjs/common';
import { BaseRepository } from '@platform/database';
import { DataSource } from 'typeorm';
import { AssessmentAttempt } from './assessment-attempt.entity';

export interface AttemptResult {
  answers: Record<string, number[]>;
  pointsEarned: number;
  scorePercent: number;
  passed: boolean;
  submittedAt: Date;
}

@Injectable()
export class AssessmentAttemptsRepository extends BaseRepository<AssessmentAttempt> {
  constructor(dataSource: DataSource) {
    super(dataSource, AssessmentAttempt, {
      filterable: ['assessmentId', 'enrollmentId', 'status'],
      sortable: ['attemptNumber'],
      defaultSort: { attemptNumber: 'ASC' },
    });
  }

  async findOpen(assessmentId: string, enrollmentId: string): Promise<AssessmentAttempt | null> {
    return this.findOne({
      assessmentId: { eq: assessmentId },
      enrollmentId: { eq: enrollmentId },
      status: { eq: 'in_progress' },
    });
  }

  async listFor(assessmentId: string, enrollmentId: string): Promise<AssessmentAttempt[]> {
    const page = await this.list({
      filter: { assessmentId: { eq: assessmentId }, enrollmentId: { eq: enrollmentId } },
      limit: 100,
    });
    return page.items;
  }

  /** Attempts used per assessment by one enrollment. */
  async countsFor(assessmentIds: readonly string[], enrollmentId: string): Promise<Map<string, number>> {
    if (assessmentIds.length === 0) return new Map();
    const rows = await queryRows<{ assessment_id: string; used: number }>(
      this.manager,
      `SELECT assessment_id, count(*)::int AS used FROM assessment_attempts
       WHERE assessment_id = ANY($1) AND enrollment_id = $2 GROUP BY assessment_id`,
      [[...new Set(assessmentIds)], enrollmentId],
    );
    return new Map(rows.map((row) => [row.assessment_id, row.used]));
  }

  async hasAny(assessmentId: string): Promise<boolean> {
    return this.exists({ assessmentId: { eq: assessmentId } });
  }

  /** Closes an open attempt whose time ran out; it stays counted. */
  async expire(attemptId: string): Promise<void> {
    await queryRows(
      this.manager,
      `UPDATE assessment_attempts SET status = 'expired', updated_at = now() WHERE id = $1 AND status = 'in_progress'`,
      [attemptId],
    );
  }

  /** Records the graded submission; false if the attempt was not open any more. */
  async submit(attemptId: string, result: AttemptResult): Promise<boolean> {
    const rows = await queryRows(
      this.manager,
      `UPDATE assessment_attempts
       SET status = 'submitted', answers = $2, points_earned = $3, score_percent = $4, passed = $5,
           submitted_at = $6, updated_at = now()
       WHERE id = $1 AND status = 'in_progress' RETURNING id`,
      [
        attemptId,
        result.answers,
        result.pointsEarned,
        result.scorePercent,
        result.passed,
        result.submittedAt,
      ],
    );
    return rows.length === 1;
  }
}
