import { ApiProperty } from '@nestjs/swagger';
import {
  ATTEMPT_STATUSES,
  QUESTION_TYPES,
  type AssessmentView,
  type AttemptStatus,
  type AttemptView,
  type QuestionType,
  type QuestionView,
  type StartedAttemptView,
  type SubmissionResultView,
} from '@platform/contracts';

/* Response shapes of assessments and attempts, for the OpenAPI document only (see catalog.schemas.ts). */

export class QuestionViewSchema implements QuestionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() position!: number;
  @ApiProperty() prompt!: string;
  @ApiProperty({ enum: QUESTION_TYPES }) type!: QuestionType;
  @ApiProperty({ type: [String] }) options!: string[];
  @ApiProperty() points!: number;
  @ApiProperty({
    required: false,
    type: [Number],
    description: 'Zero-based indexes of the right options; only for the course owner and admins',
  })
  correct?: number[];
}

export class AssessmentViewSchema implements AssessmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) lessonId!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) passingScorePercent!: number;
  @ApiProperty({ minimum: 1 }) maxAttempts!: number;
  @ApiProperty({ type: Number, nullable: true }) timeLimitSeconds!: number | null;
  @ApiProperty() questionCount!: number;
  @ApiProperty() totalPoints!: number;
  @ApiProperty({
    type: [QuestionViewSchema],
    description: 'Empty for learners of a timed assessment: they get the questions with a started attempt',
  })
  questions!: QuestionViewSchema[];
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "The caller's attempts (learners); null for staff",
  })
  attemptsUsed!: number | null;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class AttemptViewSchema implements AttemptView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) assessmentId!: string;
  @ApiProperty({ description: '1-based number of this attempt' }) attempt!: number;
  @ApiProperty({ enum: ATTEMPT_STATUSES }) status!: AttemptStatus;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Submit by; null when untimed',
  })
  deadlineAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) scorePercent!: number | null;
  @ApiProperty({ type: Boolean, nullable: true }) passed!: boolean | null;
}

export class StartedAttemptViewSchema extends AttemptViewSchema implements StartedAttemptView {
  @ApiProperty({ type: [QuestionViewSchema], description: 'Without the answers' })
  questions!: QuestionViewSchema[];
}

export class SubmissionResultViewSchema implements SubmissionResultView {
  @ApiProperty({ format: 'uuid' }) attemptId!: string;
  @ApiProperty() attempt!: number;
  @ApiProperty({ minimum: 0, maximum: 100 }) scorePercent!: number;
  @ApiProperty() passed!: boolean;
  @ApiProperty() pointsEarned!: number;
  @ApiProperty() pointsPossible!: number;
  @ApiProperty() attemptsRemaining!: number;
}
