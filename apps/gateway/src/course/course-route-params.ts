import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/*
 * Path parameters of the course routes. The routes keep API.md's names (`/courses/:id`,
 * `/enrollments/:id/lessons/:lessonId/complete`); the controllers map `:id` onto the field
 * the pattern's DTO names (`courseId`, `moduleId`, …). A malformed id is a 400 naming the
 * parameter, answered here without a service call.
 */

export class IdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class EnrollmentLessonParams extends IdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  lessonId!: string;
}
