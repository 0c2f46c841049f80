import { type LessonOutlineView, type LessonView, type ModuleView } from '@platform/contracts';
import { type CourseModuleEntity } from './course-module.entity';
import { type Lesson } from './lesson.entity';

export function toLessonOutline(lesson: Lesson, assessmentId: string | null): LessonOutlineView {
  return {
    id: lesson.id,
    moduleId: lesson.moduleId,
    title: lesson.title,
    type: lesson.type,
    position: lesson.position,
    durationMinutes: lesson.durationMinutes,
    isRequired: lesson.isRequired,
    isPublished: lesson.isPublished,
    assessmentId,
  };
}

export function toLessonView(lesson: Lesson, assessmentId: string | null): LessonView {
  return {
    ...toLessonOutline(lesson, assessmentId),
    courseId: lesson.courseId,
    content: lesson.content,
    videoUrl: lesson.videoUrl,
  };
}

export function toModuleView(module: CourseModuleEntity, lessons: LessonOutlineView[]): ModuleView {
  return {
    id: module.id,
    courseId: module.courseId,
    title: module.title,
    position: module.position,
    lessons,
  };
}
