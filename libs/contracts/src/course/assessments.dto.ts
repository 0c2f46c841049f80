import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Trim } from '../common/validators';
import { QUESTION_TYPES, type QuestionType } from './course-vocabulary';

export const MAX_QUESTIONS = 100;
export const MAX_OPTIONS = 10;
export const MAX_ATTEMPTS_LIMIT = 100;
/** A day: a longer "timed" assessment is an untimed one. */
export const MAX_TIME_LIMIT_SECONDS = 86_400;

/**
 * One question. `options` are the choices shown (a true_false question may omit them: they
 * are then `["True", "False"]`); `correct` lists the zero-based indexes of the right
 * options — exactly one for single and true_false, one or more for multiple.
 */
export class QuestionInput {
  @ApiProperty({ maxLength: 2000 })
  @Trim()
  @IsString()
  @Length(1, 2000)
  prompt!: string;

  @ApiProperty({ enum: QUESTION_TYPES })
  @IsIn(QUESTION_TYPES, { message: `type must be one of ${QUESTION_TYPES.join(', ')}` })
  type!: QuestionType;

  @ApiProperty({ required: false, type: [String], minItems: 2, maxItems: MAX_OPTIONS })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(MAX_OPTIONS)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  options?: string[];

  @ApiProperty({ type: [Number], description: 'Zero-based indexes of the correct options' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_OPTIONS)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(0, { each: true })
  correct!: number[];

  @ApiProperty({ minimum: 1, maximum: 100 })
  @IsInt()
  @Min(1)
  @Max(100)
  points!: number;
}

class AssessmentSettings {
  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsInt()
  @Min(0)
  @Max(100)
  passingScorePercent!: number;

  @ApiProperty({ minimum: 1, maximum: MAX_ATTEMPTS_LIMIT })
  @IsInt()
  @Min(1)
  @Max(MAX_ATTEMPTS_LIMIT)
  maxAttempts!: number;

  @ApiProperty({ required: false, nullable: true, minimum: 1, maximum: MAX_TIME_LIMIT_SECONDS })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(MAX_TIME_LIMIT_SECONDS)
  timeLimitSeconds?: number | null;
}

/** `POST /courses/:id/assessments`. `lessonId` attaches it to a quiz lesson, which passing it completes. */
export class CreateAssessmentBody extends AssessmentSettings {
  @ApiProperty({ maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ required: false, format: 'uuid', description: 'A quiz lesson of this course' })
  @IsOptional()
  @IsUUID()
  lessonId?: string;

  @ApiProperty({ type: [QuestionInput] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_QUESTIONS)
  @ValidateNested({ each: true })
  @Type(() => QuestionInput)
  questions!: QuestionInput[];
}

export class CreateAssessmentRequest extends CreateAssessmentBody {
  @IsUUID()
  courseId!: string;
}

/**
 * `PATCH /assessments/:id`. Settings may change at any time; questions only until the first
 * attempt (grading history would otherwise stop meaning anything). Null clears the time limit.
 */
export class UpdateAssessmentBody extends PartialType(OmitType(CreateAssessmentBody, ['lessonId'] as const), {
  skipNullProperties: false,
}) {
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  version!: number;
}

export class UpdateAssessmentRequest extends UpdateAssessmentBody {
  @IsUUID()
  assessmentId!: string;
}

/** `GET`/`DELETE /assessments/:id`, `POST /assessments/:id/attempts`, `GET /assessments/:id/attempts`. */
export class AssessmentIdRequest {
  @IsUUID()
  assessmentId!: string;
}

/** `GET /courses/:id/assessments`. */
export class ListAssessmentsRequest {
  @IsUUID()
  courseId!: string;
}

export interface QuestionView {
  id: string;
  position: number;
  prompt: string;
  type: QuestionType;
  options: string[];
  points: number;
  /** Only for the course owner and admins; never sent to learners. */
  correct?: number[];
}

export interface AssessmentView {
  id: string;
  courseId: string;
  lessonId: string | null;
  title: string;
  passingScorePercent: number;
  maxAttempts: number;
  timeLimitSeconds: number | null;
  questionCount: number;
  totalPoints: number;
  /**
   * For a timed assessment, learners get the questions only with a started attempt (so
   * the clock runs while they read them); here the list is then empty.
   */
  questions: QuestionView[];
  /** The caller's attempts so far (learners); null for the owner and admins. */
  attemptsUsed: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}
