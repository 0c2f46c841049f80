import { Injectable } from '@nestjs/common';
import { type ModuleView } from '@platform/contracts';
import { AssessmentsRepository } from '../assessments/assessments.repository';
import { CourseModulesRepository } from './course-modules.repository';
import { toLessonOutline, toModuleView } from './curriculum.views';
import { LessonsRepository } from './lessons.repository';

/** A course's modules with their lessons, as the course page shows them. */
@Injectable()
export class CurriculumOutline {
  constructor(
    private readonly modules: CourseModulesRepository,
    private readonly lessons: LessonsRepository,
    private readonly assessments: AssessmentsRepository,
  ) {}

  /** Learners see published lessons only; the owner and admins (`includeUnpublished`) see all. */
  async of(courseId: string, options: { includeUnpublished: boolean }): Promise<ModuleView[]> {
    const modules = await this.modules.listByCourse(courseId);
    const lessons = await this.lessons.listByCourse(courseId, { publishedOnly: !options.includeUnpublished });
    const assessmentIds = await this.assessments.idsByLesson(lessons.map((lesson) => lesson.id));
    return modules.map((module) =>
      toModuleView(
        module,
        lessons
          .filter((lesson) => lesson.moduleId === module.id)
          .map((lesson) => toLessonOutline(lesson, assessmentIds.get(lesson.id) ?? null)),
      ),
    );
  }
}
