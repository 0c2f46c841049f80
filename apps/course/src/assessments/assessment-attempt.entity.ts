import { type AttemptStatus } from '@platform/contracts';
import { UuidTimestampedBase } from '@platform/database';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { Enrollment } from '../enrollments/enrollment.entity';
import { Assessment } from './assessment.entity';

/** The answers a learner gave, keyed by question id, as submitted. */
export type SubmittedAnswers = Record<string, number[]>;

/**
 * One attempt at an assessment. Numbered per enrollment, at most one open at a time; its
 * deadline is fixed when it starts, so the time limit is the server's, not the browser's.
 */
@Entity('assessment_attempts')
@Unique('uq_assessment_attempts_number', ['assessmentId', 'enrollmentId', 'attemptNumber'])
@Index('uq_assessment_attempts_open', ['assessmentId', 'enrollmentId'], {
  unique: true,
  where: `"status" = 'in_progress'`,
})
@Index('idx_assessment_attempts_enrollment_id', ['enrollmentId'])
@Check(`"attempt_number" >= 1`)
@Check(`"status" IN ('in_progress', 'submitted', 'expired')`)
@Check(`"score_percent" IS NULL OR "score_percent" BETWEEN 0 AND 100`)
export class AssessmentAttempt extends UuidTimestampedBase {
  @Column('uuid')
  assessmentId!: string;

  @ManyToOne(() => Assessment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: Assessment;

  @Column('uuid')
  enrollmentId!: string;

  @ManyToOne(() => Enrollment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrollment_id' })
  enrollment?: Enrollment;

  @Column('uuid')
  userId!: string;

  @Column('integer')
  attemptNumber!: number;

  @Column('varchar', { length: 20, default: 'in_progress' })
  status!: AttemptStatus;

  @Column('timestamptz')
  startedAt!: Date;

  @Column('timestamptz', { nullable: true })
  deadlineAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  submittedAt!: Date | null;

  @Column('jsonb', { nullable: true })
  answers!: SubmittedAnswers | null;

  @Column('integer', { nullable: true })
  pointsEarned!: number | null;

  @Column('integer')
  pointsPossible!: number;

  @Column('numeric', {
    precision: 5,
    scale: 2,
    nullable: true,
    transformer: {
      to: (value: number | null) => value,
      from: (value: string | null) => (value === null ? null : Number(value)),
    },
  })
  scorePercent!: number | null;

  @Column('boolean', { nullable: true })
  passed!: boolean | null;
}
