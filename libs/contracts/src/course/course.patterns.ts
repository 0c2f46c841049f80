import { type Page } from '../common/page';
import { definePattern } from '../messaging/request-pattern';
import {
  AssessmentIdRequest,
  type AssessmentView,
  CreateAssessmentRequest,
  ListAssessmentsRequest,
  UpdateAssessmentRequest,
} from './assessments.dto';
import {
  type AttemptView,
  type StartedAttemptView,
  type SubmissionResultView,
  SubmitAssessmentRequest,
} from './attempts.dto';
import { type CategoryView, CreateCategoryRequest } from './categories.dto';
import {
  type CertificateVerificationView,
  type CertificateView,
  ListMyCertificatesQuery,
  VerifyCertificateRequest,
} from './certificates.dto';
import {
  CourseIdRequest,
  type CourseDetailView,
  type CourseView,
  CreateCourseRequest,
  ListMyCoursesQuery,
  SearchCoursesQuery,
  UpdateCourseRequest,
} from './courses.dto';
import {
  CreateLessonRequest,
  CreateModuleRequest,
  LessonIdRequest,
  type LessonView,
  ModuleIdRequest,
  type ModuleView,
  UpdateLessonRequest,
  UpdateModuleRequest,
} from './curriculum.dto';
import {
  CompleteLessonRequest,
  EnrollRequest,
  EnrollmentIdRequest,
  type EnrollmentView,
  ListCourseEnrollmentsRequest,
  ListMyEnrollmentsQuery,
} from './enrollments.dto';
import {
  CreateReviewRequest,
  ListReviewsRequest,
  ReviewIdRequest,
  type ReviewView,
  UpdateReviewRequest,
} from './reviews.dto';

type Empty = Record<string, never>;

/**
 * The course service's request/reply operations, one per HTTP route (API.md; the route is
 * noted on each). The gateway merges path parameters into the body DTO (`:id` → `courseId`,
 * …); the caller travels in headers. Errors beyond VALIDATION_FAILED are noted where they
 * are part of the contract.
 */
export const CoursePatterns = {
  /** GET /categories → the whole tree. */
  listCategories: definePattern<Empty, CategoryView[]>('course.categories.list'),
  /** POST /categories (admin) → 201; sibling with the same name 409 ALREADY_EXISTS. */
  createCategory: definePattern<CreateCategoryRequest, CategoryView>(
    'course.categories.create',
    CreateCategoryRequest,
  ),

  /** POST /courses (instructor, admin) → 201 draft. */
  createCourse: definePattern<CreateCourseRequest, CourseDetailView>(
    'course.courses.create',
    CreateCourseRequest,
  ),
  /** GET /courses → published courses; INVALID_FILTER/VALIDATION_FAILED name the allowed values. */
  searchCourses: definePattern<SearchCoursesQuery, Page<CourseView>>(
    'course.courses.search',
    SearchCoursesQuery,
  ),
  /** GET /users/me/courses → the caller's own courses, drafts included. */
  listMyCourses: definePattern<ListMyCoursesQuery, Page<CourseView>>(
    'course.courses.list_mine',
    ListMyCoursesQuery,
  ),
  /** GET /courses/:id; a draft is NOT_FOUND to all but its owner and admins. */
  getCourse: definePattern<CourseIdRequest, CourseDetailView>('course.courses.get', CourseIdRequest),
  /** PATCH /courses/:id; VERSION_CONFLICT, FORBIDDEN; capacity below the seats taken is CONFLICT. */
  updateCourse: definePattern<UpdateCourseRequest, CourseDetailView>(
    'course.courses.update',
    UpdateCourseRequest,
  ),
  /** POST /courses/:id/publish; INVALID_STATE without a published lesson or when archived. */
  publishCourse: definePattern<CourseIdRequest, CourseDetailView>('course.courses.publish', CourseIdRequest),
  /** POST /courses/:id/unpublish → back to draft. */
  unpublishCourse: definePattern<CourseIdRequest, CourseDetailView>(
    'course.courses.unpublish',
    CourseIdRequest,
  ),
  /** POST /courses/:id/archive → final. */
  archiveCourse: definePattern<CourseIdRequest, CourseDetailView>('course.courses.archive', CourseIdRequest),
  /** DELETE /courses/:id → 204; INVALID_STATE while learners hold seats (archive it instead). */
  deleteCourse: definePattern<CourseIdRequest, null>('course.courses.delete', CourseIdRequest),

  /** POST /courses/:id/modules (owner) → 201. */
  createModule: definePattern<CreateModuleRequest, ModuleView>('course.modules.create', CreateModuleRequest),
  /** PATCH /modules/:id (owner). */
  updateModule: definePattern<UpdateModuleRequest, ModuleView>('course.modules.update', UpdateModuleRequest),
  /** DELETE /modules/:id (owner) → 204, with its lessons. */
  deleteModule: definePattern<ModuleIdRequest, null>('course.modules.delete', ModuleIdRequest),
  /** POST /modules/:id/lessons (owner) → 201. */
  createLesson: definePattern<CreateLessonRequest, LessonView>('course.lessons.create', CreateLessonRequest),
  /** GET /lessons/:id: enrollees (published lessons), the owner, admins. */
  getLesson: definePattern<LessonIdRequest, LessonView>('course.lessons.get', LessonIdRequest),
  /** PATCH /lessons/:id (owner). */
  updateLesson: definePattern<UpdateLessonRequest, LessonView>('course.lessons.update', UpdateLessonRequest),
  /** DELETE /lessons/:id (owner) → 204. */
  deleteLesson: definePattern<LessonIdRequest, null>('course.lessons.delete', LessonIdRequest),

  /** POST /courses/:id/enrollments → 201; PAYMENT_REQUIRED, COURSE_FULL, ALREADY_ENROLLED. */
  enroll: definePattern<EnrollRequest, EnrollmentView>('course.enrollments.create', EnrollRequest),
  /** GET /users/me/enrollments. */
  listMyEnrollments: definePattern<ListMyEnrollmentsQuery, Page<EnrollmentView>>(
    'course.enrollments.list_mine',
    ListMyEnrollmentsQuery,
  ),
  /** GET /courses/:id/enrollments (owner, admin). */
  listCourseEnrollments: definePattern<ListCourseEnrollmentsRequest, Page<EnrollmentView>>(
    'course.enrollments.list_for_course',
    ListCourseEnrollmentsRequest,
  ),
  /** GET /enrollments/:id (enrollee, course owner, admin). */
  getEnrollment: definePattern<EnrollmentIdRequest, EnrollmentView>(
    'course.enrollments.get',
    EnrollmentIdRequest,
  ),
  /** POST /enrollments/:id/lessons/:lessonId/complete (enrollee) → the progress. */
  completeLesson: definePattern<CompleteLessonRequest, EnrollmentView>(
    'course.enrollments.complete_lesson',
    CompleteLessonRequest,
  ),
  /** DELETE /enrollments/:id (enrollee, admin) → 204; frees the seat. */
  dropEnrollment: definePattern<EnrollmentIdRequest, null>('course.enrollments.drop', EnrollmentIdRequest),

  /** POST /courses/:id/assessments (owner) → 201. */
  createAssessment: definePattern<CreateAssessmentRequest, AssessmentView>(
    'course.assessments.create',
    CreateAssessmentRequest,
  ),
  /** GET /courses/:id/assessments (enrollee, owner). */
  listAssessments: definePattern<ListAssessmentsRequest, AssessmentView[]>(
    'course.assessments.list',
    ListAssessmentsRequest,
  ),
  /** GET /assessments/:id (enrollee, owner): correct answers only for the owner and admins. */
  getAssessment: definePattern<AssessmentIdRequest, AssessmentView>(
    'course.assessments.get',
    AssessmentIdRequest,
  ),
  /** PATCH /assessments/:id (owner); VERSION_CONFLICT; questions locked once attempted (INVALID_STATE). */
  updateAssessment: definePattern<UpdateAssessmentRequest, AssessmentView>(
    'course.assessments.update',
    UpdateAssessmentRequest,
  ),
  /** DELETE /assessments/:id (owner) → 204; INVALID_STATE once attempted. */
  deleteAssessment: definePattern<AssessmentIdRequest, null>(
    'course.assessments.delete',
    AssessmentIdRequest,
  ),
  /** POST /assessments/:id/attempts (enrollee) → 201; ATTEMPTS_EXHAUSTED. */
  startAttempt: definePattern<AssessmentIdRequest, StartedAttemptView>(
    'course.assessments.start_attempt',
    AssessmentIdRequest,
  ),
  /** POST /assessments/:id/submissions (enrollee) → 201; ATTEMPTS_EXHAUSTED, TIME_LIMIT_EXCEEDED. */
  submitAssessment: definePattern<SubmitAssessmentRequest, SubmissionResultView>(
    'course.assessments.submit',
    SubmitAssessmentRequest,
  ),
  /** GET /assessments/:id/attempts → the caller's attempts. */
  listMyAttempts: definePattern<AssessmentIdRequest, AttemptView[]>(
    'course.assessments.list_my_attempts',
    AssessmentIdRequest,
  ),

  /** GET /users/me/certificates. */
  listMyCertificates: definePattern<ListMyCertificatesQuery, Page<CertificateView>>(
    'course.certificates.list_mine',
    ListMyCertificatesQuery,
  ),
  /** GET /certificates/:code (anyone); unknown code NOT_FOUND. */
  verifyCertificate: definePattern<VerifyCertificateRequest, CertificateVerificationView>(
    'course.certificates.verify',
    VerifyCertificateRequest,
  ),

  /** POST /courses/:id/reviews → 201; twice ALREADY_EXISTS; the instructor FORBIDDEN. */
  createReview: definePattern<CreateReviewRequest, ReviewView>('course.reviews.create', CreateReviewRequest),
  /** GET /courses/:id/reviews (anyone), newest first. */
  listReviews: definePattern<ListReviewsRequest, Page<ReviewView>>('course.reviews.list', ListReviewsRequest),
  /** PATCH /reviews/:id (author). */
  updateReview: definePattern<UpdateReviewRequest, ReviewView>('course.reviews.update', UpdateReviewRequest),
  /** DELETE /reviews/:id (author, admin) → 204. */
  deleteReview: definePattern<ReviewIdRequest, null>('course.reviews.delete', ReviewIdRequest),
} as const;
