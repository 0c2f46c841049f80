import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../common/page';
import { ENROLLMENT_STATUSES, type EnrollmentSource, type EnrollmentStatus } from './course-vocabulary';

/** `POST /courses/:id/enrollments`: self-enrollment in a free published course (no body). */
export class EnrollRequest {
  @IsUUID()
  courseId!: string;
}

/** `GET /users/me/enrollments?status=`. */
export class ListMyEnrollmentsQuery extends PageQuery {
  @ApiProperty({ required: false, enum: ENROLLMENT_STATUSES })
  @IsOptional()
  @IsIn(ENROLLMENT_STATUSES, { message: `status must be one of ${ENROLLMENT_STATUSES.join(', ')}` })
  status?: EnrollmentStatus;
}

/** `GET /courses/:id/enrollments?status=`: the roster, for the course owner and admins. */
export class ListCourseEnrollmentsQuery extends ListMyEnrollmentsQuery {}

export class ListCourseEnrollmentsRequest extends ListCourseEnrollmentsQuery {
  @IsUUID()
  courseId!: string;
}

/** `GET /enrollments/:id`, `DELETE /enrollments/:id` (drop). */
export class EnrollmentIdRequest {
  @IsUUID()
  enrollmentId!: string;
}

/** `POST /enrollments/:id/lessons/:lessonId/complete`. */
export class CompleteLessonRequest {
  @IsUUID()
  enrollmentId!: string;

  @IsUUID()
  lessonId!: string;
}

export interface EnrollmentView {
  id: string;
  courseId: string;
  courseTitle: string;
  userId: string;
  status: EnrollmentStatus;
  source: EnrollmentSource;
  /**
   * Share of the course's published required lessons completed, 0–100 (whole number).
   * A completed enrollment stays at 100 whatever the instructor adds later.
   */
  progressPercent: number;
  completedLessonIds: string[];
  /** The verification code of the certificate, once the course is completed. */
  certificateCode: string | null;
  enrolledAt: string;
  completedAt: string | null;
  /** When it was dropped or refunded. */
  endedAt: string | null;
}
