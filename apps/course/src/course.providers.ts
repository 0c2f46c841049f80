import { type Provider } from '@nestjs/common';
import { AssessmentAttemptsRepository } from './assessments/assessment-attempts.repository';
import { AssessmentAudienceResolver } from './assessments/assessment-audience';
import { AssessmentQuestionsRepository } from './assessments/assessment-questions.repository';
import { AssessmentsHandlers } from './assessments/assessments.handlers';
import { AssessmentsRepository } from './assessments/assessments.repository';
import { AssessmentsService } from './assessments/assessments.service';
import { AttemptsService } from './assessments/attempts.service';
import { CategoriesHandlers } from './categories/categories.handlers';
import { CategoriesRepository } from './categories/categories.repository';
import { CategoriesService } from './categories/categories.service';
import { CourseAccess } from './courses/course-access';
import { CourseDetails } from './courses/course-details';
import { CourseLifecycleService } from './courses/course-lifecycle.service';
import { CourseEvents } from './courses/course.events';
import { CoursesHandlers } from './courses/courses.handlers';
import { CoursesRepository } from './courses/courses.repository';
import { CoursesService } from './courses/courses.service';
import { CourseModulesRepository } from './curriculum/course-modules.repository';
import { CourseModulesService } from './curriculum/course-modules.service';
import { CurriculumAccess } from './curriculum/curriculum-access';
import { CurriculumOutline } from './curriculum/curriculum-outline';
import { CurriculumHandlers } from './curriculum/curriculum.handlers';
import { LessonsRepository } from './curriculum/lessons.repository';
import { LessonsService } from './curriculum/lessons.service';
import { CertificatesHandlers } from './certificates/certificates.handlers';
import { CertificatesRepository } from './certificates/certificates.repository';
import { CertificatesService } from './certificates/certificates.service';
import { EnrollmentViews } from './enrollments/enrollment-views';
import { EnrollmentEvents } from './enrollments/enrollment.events';
import { EnrollmentsHandlers } from './enrollments/enrollments.handlers';
import { EnrollmentsRepository } from './enrollments/enrollments.repository';
import { EnrollmentsService } from './enrollments/enrollments.service';
import { LessonCompletionsRepository } from './progress/lesson-completions.repository';
import { ProgressReader } from './progress/progress-reader';
import { ProgressHandlers } from './progress/progress.handlers';
import { ProgressService } from './progress/progress.service';
import { PurchasesHandlers } from './purchases/purchases.handlers';
import { PurchasesService } from './purchases/purchases.service';
import { ReviewsHandlers } from './reviews/reviews.handlers';
import { ReviewsRepository } from './reviews/reviews.repository';
import { ReviewsService } from './reviews/reviews.service';
import { SeatHoldSweeper } from './seats/seat-hold-sweeper';
import { SeatHoldsHandlers } from './seats/seat-holds.handlers';
import { SeatHoldsRepository } from './seats/seat-holds.repository';
import { SeatHoldsService } from './seats/seat-holds.service';
import { UserProfilesHandlers } from './users/user-profiles.handlers';
import { UserProfilesRepository } from './users/user-profiles.repository';
import { UserProfilesService } from './users/user-profiles.service';

/**
 * Every provider of the service, by feature. One flat list rather than a Nest module per
 * feature: features call each other's services (progress ↔ assessments ↔ certificates),
 * which Nest modules would turn into forwardRef knots; the import graph between files
 * stays acyclic (checked by dependency-cruiser).
 */
export const COURSE_PROVIDERS: Provider[] = [
  // users (projection of identity)
  UserProfilesRepository,
  UserProfilesService,
  UserProfilesHandlers,
  // categories
  CategoriesRepository,
  CategoriesService,
  CategoriesHandlers,
  // courses
  CoursesRepository,
  CourseAccess,
  CourseDetails,
  CourseEvents,
  CoursesService,
  CourseLifecycleService,
  CoursesHandlers,
  // curriculum
  CourseModulesRepository,
  LessonsRepository,
  CurriculumAccess,
  CurriculumOutline,
  CourseModulesService,
  LessonsService,
  CurriculumHandlers,
  // enrollments
  EnrollmentsRepository,
  EnrollmentViews,
  EnrollmentEvents,
  EnrollmentsService,
  EnrollmentsHandlers,
  // progress
  LessonCompletionsRepository,
  ProgressReader,
  ProgressService,
  ProgressHandlers,
  // certificates
  CertificatesRepository,
  CertificatesService,
  CertificatesHandlers,
  // assessments
  AssessmentsRepository,
  AssessmentQuestionsRepository,
  AssessmentAttemptsRepository,
  AssessmentAudienceResolver,
  AssessmentsService,
  AttemptsService,
  AssessmentsHandlers,
  // seats held for orders, and the purchase side
  SeatHoldsRepository,
  SeatHoldsService,
  SeatHoldSweeper,
  SeatHoldsHandlers,
  PurchasesService,
  PurchasesHandlers,
  // reviews
  ReviewsRepository,
  ReviewsService,
  ReviewsHandlers,
];
