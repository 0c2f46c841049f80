import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  type CertificateView,
  CoursePatterns,
  type CourseView,
  type EnrollmentView,
  ListMyCertificatesQuery,
  ListMyCoursesQuery,
  ListMyEnrollmentsQuery,
  type Page,
  ServiceClient,
} from '@platform/contracts';
import { CoursePageSchema } from './catalog.schemas';
import { CertificatePageSchema, EnrollmentPageSchema } from './learning.schemas';

/** The signed-in user's own side of the LMS: what they learn, what they earned, what they teach. */
@ApiTags('courses')
@Controller('users/me')
export class MyLearningController {
  constructor(private readonly course: ServiceClient) {}

  @Get('enrollments')
  @ApiOkResponse({ type: EnrollmentPageSchema, description: 'Own enrollments with progress' })
  enrollments(@Query() query: ListMyEnrollmentsQuery): Promise<Page<EnrollmentView>> {
    return this.course.send(CoursePatterns.listMyEnrollments, query);
  }

  @Get('certificates')
  @ApiOkResponse({ type: CertificatePageSchema })
  certificates(@Query() query: ListMyCertificatesQuery): Promise<Page<CertificateView>> {
    return this.course.send(CoursePatterns.listMyCertificates, query);
  }

  @Get('courses')
  @ApiOkResponse({ type: CoursePageSchema, description: 'The courses the caller teaches, drafts included' })
  courses(@Query() query: ListMyCoursesQuery): Promise<Page<CourseView>> {
    return this.course.send(CoursePatterns.listMyCourses, query);
  }
}
