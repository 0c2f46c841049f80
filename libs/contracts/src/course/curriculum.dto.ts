import { ApiProperty, PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  IsUrl,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { Trim } from '../common/validators';
import { LESSON_TYPES, type LessonType } from './course-vocabulary';

export const MAX_LESSON_CONTENT_LENGTH = 200_000;
export const MAX_POSITION = 10_000;

/**
 * Positions are 1-based and always dense (1..n) within their parent: inserting at a taken
 * position shifts the rest down, a position past the end appends.
 */
class Positioned {
  @ApiProperty({ required: false, minimum: 1, description: '1-based; omitted or past the end appends' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_POSITION)
  position?: number;
}

/** `POST /courses/:id/modules`. */
export class CreateModuleBody extends Positioned {
  @ApiProperty({ maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200)
  title!: string;
}

export class CreateModuleRequest extends CreateModuleBody {
  @IsUUID()
  courseId!: string;
}

/** `PATCH /modules/:id`: rename and/or move. */
export class UpdateModuleBody extends PartialType(CreateModuleBody, { skipNullProperties: false }) {}

export class UpdateModuleRequest extends UpdateModuleBody {
  @IsUUID()
  moduleId!: string;
}

export class ModuleIdRequest {
  @IsUUID()
  moduleId!: string;
}

/** `POST /modules/:id/lessons`. New lessons are unpublished unless `isPublished` says otherwise. */
export class CreateLessonBody extends Positioned {
  @ApiProperty({ maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ enum: LESSON_TYPES })
  @IsIn(LESSON_TYPES, { message: `type must be one of ${LESSON_TYPES.join(', ')}` })
  type!: LessonType;

  @ApiProperty({
    required: false,
    nullable: true,
    maxLength: MAX_LESSON_CONTENT_LENGTH,
    description: 'Article body (Markdown)',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(MAX_LESSON_CONTENT_LENGTH)
  content?: string | null;

  @ApiProperty({ required: false, nullable: true, example: 'https://cdn.example.com/v/intro.m3u8' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'videoUrl must be an https URL' })
  @MaxLength(2048)
  videoUrl?: string | null;

  @ApiProperty({ required: false, nullable: true, minimum: 0, maximum: 10_000 })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(10_000)
  durationMinutes?: number | null;

  @ApiProperty({ required: false, default: true, description: 'Counts towards completion' })
  @IsOptional()
  @IsBoolean()
  isRequired?: boolean;

  @ApiProperty({ required: false, default: false, description: 'Visible to learners' })
  @IsOptional()
  @IsBoolean()
  isPublished?: boolean;
}

export class CreateLessonRequest extends CreateLessonBody {
  @IsUUID()
  moduleId!: string;
}

/** `PATCH /lessons/:id`: any subset; `moduleId` moves the lesson to another module of the course. Null clears. */
export class UpdateLessonBody extends PartialType(CreateLessonBody, { skipNullProperties: false }) {
  @ApiProperty({ required: false, format: 'uuid', description: 'Move to this module (same course)' })
  @IsOptional()
  @IsUUID()
  moduleId?: string;
}

export class UpdateLessonRequest extends UpdateLessonBody {
  @IsUUID()
  lessonId!: string;
}

export class LessonIdRequest {
  @IsUUID()
  lessonId!: string;
}

/** A lesson as the course outline shows it, to anyone who may see the course. */
export interface LessonOutlineView {
  id: string;
  moduleId: string;
  title: string;
  type: LessonType;
  position: number;
  durationMinutes: number | null;
  isRequired: boolean;
  isPublished: boolean;
  /** The assessment a quiz lesson is passed with, if one is attached. */
  assessmentId: string | null;
}

/** `GET /lessons/:id`: the content, for enrollees, the course owner and admins. */
export interface LessonView extends LessonOutlineView {
  courseId: string;
  content: string | null;
  videoUrl: string | null;
}

export interface ModuleView {
  id: string;
  courseId: string;
  title: string;
  position: number;
  /** Learners see published lessons only; the owner and admins see all. */
  lessons: LessonOutlineView[];
}
