import { EVENT_ENTITIES, EVENT_MIGRATIONS } from '@platform/events';
import { AssessmentAttempt } from './assessments/assessment-attempt.entity';
import { AssessmentQuestion } from './assessments/assessment-question.entity';
import { Assessment } from './assessments/assessment.entity';
import { Category } from './categories/category.entity';
import { Certificate } from './certificates/certificate.entity';
import { Course } from './courses/course.entity';
import { CourseModuleEntity } from './curriculum/course-module.entity';
import { Lesson } from './curriculum/lesson.entity';
import { Enrollment } from './enrollments/enrollment.entity';
import { LessonCompletion } from './progress/lesson-completion.entity';
import { Review } from './reviews/review.entity';
import { SeatHold } from './seats/seat-hold.entity';
import { UserProfile } from './users/user-profile.entity';
import { CreateCourseSchema1795309910729 } from './migrations/1795309910729-CreateCourseSchema';

/** Every entity of course_db; the migrations below must build exactly these (see test/migrations). */
export const COURSE_ENTITIES = [
  ...EVENT_ENTITIES,
  UserProfile,
  Category,
  Course,
  CourseModuleEntity,
  Lesson,
  Enrollment,
  LessonCompletion,
  SeatHold,
  Assessment,
  AssessmentQuestion,
  AssessmentAttempt,
  Certificate,
  Review,
];

/** In order of their timestamps. `npm run migration -- course generate <Name>` appends new ones. */
export const COURSE_MIGRATIONS = [...EVENT_MIGRATIONS, CreateCourseSchema1795309910729];
