import { Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CoursePatterns,
  type EnrollmentView,
  ListCourseEnrollmentsQuery,
  type Page,
  ServiceClient,
} from '@platform/contracts';
import { EnrollmentLessonParams, IdParam } from './course-route-params';
import { EnrollmentPageSchema, EnrollmentViewSchema } from './learning.schemas';

/** Enrollments and progress. Capacity, price and who may act are the course service's rules. */
@ApiTags('enrollments')
@Controller()
export class EnrollmentsController {
  constructor(private readonly course: ServiceClient) {}

  @Post('courses/:id/enrollments')
  @ApiCreatedResponse({
    type: EnrollmentViewSchema,
    description:
      'Free published courses only: paid 402 PAYMENT_REQUIRED, full 409 COURSE_FULL, twice 409 ALREADY_ENROLLED',
  })
  enroll(@Param() params: IdParam): Promise<EnrollmentView> {
    return this.course.send(CoursePatterns.enroll, { courseId: params.id });
  }

  @Get('courses/:id/enrollments')
  @ApiOkResponse({ type: EnrollmentPageSchema, description: 'The roster, for the course owner and admins' })
  roster(
    @Param() params: IdParam,
    @Query() query: ListCourseEnrollmentsQuery,
  ): Promise<Page<EnrollmentView>> {
    return this.course.send(CoursePatterns.listCourseEnrollments, { ...query, courseId: params.id });
  }

  @Get('enrollments/:id')
  @ApiOkResponse({ type: EnrollmentViewSchema, description: 'The enrollee, the course owner, admins' })
  get(@Param() params: IdParam): Promise<EnrollmentView> {
    return this.course.send(CoursePatterns.getEnrollment, { enrollmentId: params.id });
  }

  @Post('enrollments/:id/lessons/:lessonId/complete')
  @HttpCode(200)
  @ApiOkResponse({
    type: EnrollmentViewSchema,
    description:
      'The progress; the last required lesson completes the enrollment and issues a certificate. ' +
      'A quiz lesson completes by passing its assessment (409 INVALID_STATE here)',
  })
  completeLesson(@Param() params: EnrollmentLessonParams): Promise<EnrollmentView> {
    return this.course.send(CoursePatterns.completeLesson, {
      enrollmentId: params.id,
      lessonId: params.lessonId,
    });
  }

  @Delete('enrollments/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Dropped; the seat is free again. Only an active enrollment' })
  async drop(@Param() params: IdParam): Promise<void> {
    await this.course.send(CoursePatterns.dropEnrollment, { enrollmentId: params.id });
  }
}
