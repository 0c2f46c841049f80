import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsOptional,
  IsUUID,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_OPTIONS, MAX_QUESTIONS, type QuestionView } from './assessments.dto';
import { type AttemptStatus } from './course-vocabulary';

export class AnswerInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  questionId!: string;

  @ApiProperty({ type: [Number], description: 'Zero-based indexes of the chosen options' })
  @IsArray()
  @ArrayMaxSize(MAX_OPTIONS)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(0, { each: true })
  selected!: number[];
}

/**
 * `POST /assessments/:id/submissions`. A timed assessment needs an attempt started first
 * (`POST /assessments/:id/attempts`); `attemptId` names it (default: the caller's open
 * attempt). An untimed one may be submitted directly: the attempt starts and ends at once.
 * Unanswered questions score nothing.
 */
export class SubmitAssessmentBody {
  @ApiProperty({ required: false, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  attemptId?: string;

  @ApiProperty({ type: [AnswerInput] })
  @IsArray()
  @ArrayMaxSize(MAX_QUESTIONS)
  @ValidateNested({ each: true })
  @Type(() => AnswerInput)
  answers!: AnswerInput[];
}

export class SubmitAssessmentRequest extends SubmitAssessmentBody {
  @IsUUID()
  assessmentId!: string;
}

export interface AttemptView {
  id: string;
  assessmentId: string;
  attempt: number;
  status: AttemptStatus;
  startedAt: string;
  /** When a timed attempt must be submitted by; null when untimed. */
  deadlineAt: string | null;
  submittedAt: string | null;
  scorePercent: number | null;
  passed: boolean | null;
}

/** `POST /assessments/:id/attempts`: the attempt, and the questions to answer (without answers). */
export interface StartedAttemptView extends AttemptView {
  questions: QuestionView[];
}

/** `POST /assessments/:id/submissions` → 201. */
export interface SubmissionResultView {
  attemptId: string;
  attempt: number;
  scorePercent: number;
  passed: boolean;
  pointsEarned: number;
  pointsPossible: number;
  attemptsRemaining: number;
}
