import { Module } from '@nestjs/common';
import { AssessmentsController } from './assessments.controller';
import { CategoriesController } from './categories.controller';
import { CertificatesController } from './certificates.controller';
import { CoursesController } from './courses.controller';
import { CurriculumController } from './curriculum.controller';
import { EnrollmentsController } from './enrollments.controller';
import { MyLearningController } from './my-learning.controller';
import { ReviewsController } from './reviews.controller';

/** The course (LMS) routes of API.md and the ones the course service adds, each a thin call of a CoursePatterns operation. */
@Module({
  controllers: [
    CategoriesController,
    CoursesController,
    CurriculumController,
    EnrollmentsController,
    AssessmentsController,
    CertificatesController,
    ReviewsController,
    MyLearningController,
  ],
})
export class CourseRoutesModule {}
