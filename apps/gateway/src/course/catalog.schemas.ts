import { ApiProperty } from '@nestjs/swagger';
import {
  COURSE_LEVELS,
  COURSE_STATUSES,
  type CategoryView,
  type CourseDetailView,
  type CourseLevel,
  type CourseStatus,
  type CourseView,
  type InstructorView,
} from '@platform/contracts';
import { pageSchemaOf } from '../docs/page-schema';
import { ModuleViewSchema } from './curriculum.schemas';

/*
 * Response shapes of the catalog routes, for the OpenAPI document only (the contracts
 * declare views as interfaces); `implements` fails the build the day a view gains a field
 * these do not document.
 */

export class CategoryViewSchema implements CategoryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'programming/web-development', description: 'Path of slugs from the root' })
  slug!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId!: string | null;
  @ApiProperty({ type: () => [CategoryViewSchema] }) children!: CategoryViewSchema[];
}

export class InstructorViewSchema implements InstructorView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "From identity's events; a deleted instructor keeps the name they had",
  })
  name!: string | null;
}

export class CourseViewSchema implements CourseView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) categoryId!: string | null;
  @ApiProperty({ enum: COURSE_LEVELS }) level!: CourseLevel;
  @ApiProperty({ example: 'en' }) language!: string;
  @ApiProperty({ description: 'Minor units; 0 = free' }) priceCents!: number;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null = unlimited' }) capacity!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'null when unlimited' })
  seatsRemaining!: number | null;
  @ApiProperty({ enum: COURSE_STATUSES }) status!: CourseStatus;
  @ApiProperty({ type: InstructorViewSchema }) instructor!: InstructorViewSchema;
  @ApiProperty({ example: 4.5 }) ratingAvg!: number;
  @ApiProperty() ratingCount!: number;
  @ApiProperty() enrollmentCount!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) archivedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ description: 'Send it back with PATCH; a stale one is 409 VERSION_CONFLICT' })
  version!: number;
}

export class CourseDetailViewSchema extends CourseViewSchema implements CourseDetailView {
  @ApiProperty({ type: [ModuleViewSchema] }) modules!: ModuleViewSchema[];
}

export const CoursePageSchema = pageSchemaOf(CourseViewSchema, 'CoursePageSchema');
