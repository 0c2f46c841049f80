import { Injectable } from '@nestjs/common';
import {
  CoursePatterns,
  CreateLessonRequest,
  CreateModuleRequest,
  LessonIdRequest,
  type LessonView,
  ModuleIdRequest,
  type ModuleView,
  RequestHandler,
  UpdateLessonRequest,
  UpdateModuleRequest,
} from '@platform/contracts';
import { CourseModulesService } from './course-modules.service';
import { LessonsService } from './lessons.service';

@Injectable()
export class CurriculumHandlers {
  constructor(
    private readonly modules: CourseModulesService,
    private readonly lessons: LessonsService,
  ) {}

  @RequestHandler(CoursePatterns.createModule)
  createModule(request: CreateModuleRequest): Promise<ModuleView> {
    return this.modules.create(request);
  }

  @RequestHandler(CoursePatterns.updateModule)
  updateModule(request: UpdateModuleRequest): Promise<ModuleView> {
    return this.modules.update(request);
  }

  @RequestHandler(CoursePatterns.deleteModule)
  async deleteModule(request: ModuleIdRequest): Promise<null> {
    await this.modules.delete(request.moduleId);
    return null;
  }

  @RequestHandler(CoursePatterns.createLesson)
  createLesson(request: CreateLessonRequest): Promise<LessonView> {
    return this.lessons.create(request);
  }

  @RequestHandler(CoursePatterns.getLesson)
  getLesson(request: LessonIdRequest): Promise<LessonView> {
    return this.lessons.get(request.lessonId);
  }

  @RequestHandler(CoursePatterns.updateLesson)
  updateLesson(request: UpdateLessonRequest): Promise<LessonView> {
    return this.lessons.update(request);
  }

  @RequestHandler(CoursePatterns.deleteLesson)
  async deleteLesson(request: LessonIdRequest): Promise<null> {
    await this.lessons.delete(request.lessonId);
    return null;
  }
}
