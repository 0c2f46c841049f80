import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { PageQuery } from '../common/page';
import { Trim } from '../common/validators';
import {
  COURSE_LEVELS,
  COURSE_SORTS,
  COURSE_STATUSES,
  CURRENCY_PATTERN,
  type CourseLevel,
  type CourseSort,
  type CourseStatus,
  LANGUAGE_PATTERN,
} from './course-vocabulary';
import { type ModuleView } from './curriculum.dto';

/** Prices above this (in minor units) are a typo, not a course. */
export const MAX_PRICE_CENTS = 100_000_000;
export const MAX_CAPACITY = 1_000_000;
export const MAX_DESCRIPTION_LENGTH = 20_000;

/** `POST /courses`: a draft owned by the caller. */
export class CreateCourseBody {
  @ApiProperty({ example: 'TypeScript from zero', maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ required: false, nullable: true, maxLength: MAX_DESCRIPTION_LENGTH })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(MAX_DESCRIPTION_LENGTH)
  description?: string | null;

  @ApiProperty({ required: false, nullable: true, format: 'uuid' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  categoryId?: string | null;

  @ApiProperty({ enum: COURSE_LEVELS })
  @IsIn(COURSE_LEVELS, { message: `level must be one of ${COURSE_LEVELS.join(', ')}` })
  level!: CourseLevel;

  @ApiProperty({ required: false, default: 'en', example: 'pt-BR' })
  @IsOptional()
  @Matches(LANGUAGE_PATTERN, { message: 'language must be a BCP 47 tag such as en or pt-BR' })
  language?: string;

  @ApiProperty({ minimum: 0, maximum: MAX_PRICE_CENTS, description: 'Minor units; 0 = free' })
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_CENTS)
  priceCents!: number;

  @ApiProperty({ required: false, default: 'USD', example: 'EUR' })
  @IsOptional()
  @Matches(CURRENCY_PATTERN, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency?: string;

  @ApiProperty({ required: false, nullable: true, minimum: 1, description: 'Seats; null = unlimited' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(MAX_CAPACITY)
  capacity?: number | null;
}

export class CreateCourseRequest extends CreateCourseBody {}

/**
 * `PATCH /courses/:id`: any subset of the fields, plus the version last read. Null clears
 * description, category and capacity; null for any other field is refused.
 */
export class UpdateCourseBody extends PartialType(CreateCourseBody, { skipNullProperties: false }) {
  @ApiProperty({ minimum: 1, description: 'The version you last read; a stale one is 409 VERSION_CONFLICT' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class UpdateCourseRequest extends UpdateCourseBody {
  @IsUUID()
  courseId!: string;
}

/** Any operation on one course named by its id (`/courses/:id`, publish, archive, delete…). */
export class CourseIdRequest {
  @IsUUID()
  courseId!: string;
}

/** `GET /courses?q=&categoryId=&level=&minRating=&maxPriceCents=&sort=`: published courses only. */
export class SearchCoursesQuery extends PageQuery {
  @ApiProperty({
    required: false,
    maxLength: 200,
    description: 'Full text over title (weighted) and description',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiProperty({ required: false, format: 'uuid', description: 'Includes its subcategories' })
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @ApiProperty({ required: false, enum: COURSE_LEVELS })
  @IsOptional()
  @IsIn(COURSE_LEVELS, { message: `level must be one of ${COURSE_LEVELS.join(', ')}` })
  level?: CourseLevel;

  @ApiProperty({ required: false, minimum: 0, maximum: 5 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(5)
  minRating?: number;

  @ApiProperty({ required: false, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  maxPriceCents?: number;

  @ApiProperty({
    required: false,
    enum: COURSE_SORTS,
    description: 'Default: relevance when q is given, else newest',
  })
  @IsOptional()
  @IsIn(COURSE_SORTS, { message: `sort must be one of ${COURSE_SORTS.join(', ')}` })
  sort?: CourseSort;
}

/** `GET /users/me/courses?status=`: the courses the caller teaches, drafts included. */
export class ListMyCoursesQuery extends PageQuery {
  @ApiProperty({ required: false, enum: COURSE_STATUSES })
  @IsOptional()
  @IsIn(COURSE_STATUSES, { message: `status must be one of ${COURSE_STATUSES.join(', ')}` })
  status?: CourseStatus;
}

export interface InstructorView {
  id: string;
  /** From the local projection of identity's users; null until identity's event arrives. */
  name: string | null;
}

export interface CourseView {
  id: string;
  title: string;
  description: string | null;
  categoryId: string | null;
  level: CourseLevel;
  language: string;
  priceCents: number;
  currency: string;
  /** null = unlimited. */
  capacity: number | null;
  /** Seats still free (null when unlimited); held seats of pending orders count as taken. */
  seatsRemaining: number | null;
  status: CourseStatus;
  instructor: InstructorView;
  ratingAvg: number;
  ratingCount: number;
  enrollmentCount: number;
  publishedAt: string | null;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** `GET /courses/:id`: the course and its curriculum outline (lesson content is behind enrollment). */
export interface CourseDetailView extends CourseView {
  modules: ModuleView[];
}
