import { Injectable } from '@nestjs/common';
import {
  CoursePatterns,
  EnrollRequest,
  EnrollmentIdRequest,
  type EnrollmentView,
  ListCourseEnrollmentsRequest,
  ListMyEnrollmentsQuery,
  type Page,
  RequestHandler,
} from '@platform/contracts';
import { EnrollmentsService } from './enrollments.service';

@Injectable()
export class EnrollmentsHandlers {
  constructor(private readonly enrollments: EnrollmentsService) {}

  @RequestHandler(CoursePatterns.enroll)
  enroll(request: EnrollRequest): Promise<EnrollmentView> {
    return this.enrollments.enroll(request.courseId);
  }

  @RequestHandler(CoursePatterns.listMyEnrollments)
  listMine(query: ListMyEnrollmentsQuery): Promise<Page<EnrollmentView>> {
    return this.enrollments.listMine(query);
  }

  @RequestHandler(CoursePatterns.listCourseEnrollments)
  listForCourse(request: ListCourseEnrollmentsRequest): Promise<Page<EnrollmentView>> {
    return this.enrollments.listForCourse(request);
  }

  @RequestHandler(CoursePatterns.getEnrollment)
  get(request: EnrollmentIdRequest): Promise<EnrollmentView> {
    return this.enrollments.get(request.enrollmentId);
  }

  @RequestHandler(CoursePatterns.dropEnrollment)
  async drop(request: EnrollmentIdRequest): Promise<null> {
    await this.enrollments.drop(request.enrollmentId);
    return null;
  }
}
