import { ApiProperty } from '@nestjs/swagger';
import {
  LESSON_TYPES,
  type LessonOutlineView,
  type LessonType,
  type LessonView,
  type ModuleView,
} from '@platform/contracts';

/* Response shapes of the curriculum routes, for the OpenAPI document only (see catalog.schemas.ts). */

export class LessonOutlineViewSchema implements LessonOutlineView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) moduleId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: LESSON_TYPES }) type!: LessonType;
  @ApiProperty({ description: '1-based, dense within the module' }) position!: number;
  @ApiProperty({ type: Number, nullable: true }) durationMinutes!: number | null;
  @ApiProperty({ description: 'Counts towards completion' }) isRequired!: boolean;
  @ApiProperty({ description: 'Visible to learners' }) isPublished!: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The quiz of a quiz lesson' })
  assessmentId!: string | null;
}

export class LessonViewSchema extends LessonOutlineViewSchema implements LessonView {
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Markdown' }) content!: string | null;
  @ApiProperty({ type: String, nullable: true }) videoUrl!: string | null;
}

export class ModuleViewSchema implements ModuleView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: '1-based, dense within the course' }) position!: number;
  @ApiProperty({
    type: [LessonOutlineViewSchema],
    description: 'Learners see published lessons only; the owner and admins see all',
  })
  lessons!: LessonOutlineViewSchema[];
}
