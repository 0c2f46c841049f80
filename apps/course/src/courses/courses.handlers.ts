import { Injectable } from '@nestjs/common';
import {
  CourseIdRequest,
  type CourseDetailView,
  CoursePatterns,
  type CourseView,
  CreateCourseRequest,
  ListMyCoursesQuery,
  type Page,
  RequestHandler,
  SearchCoursesQuery,
  UpdateCourseRequest,
} from '@platform/contracts';
import { CourseLifecycleService } from './course-lifecycle.service';
import { CoursesService } from './courses.service';

@Injectable()
export class CoursesHandlers {
  constructor(
    private readonly courses: CoursesService,
    private readonly lifecycle: CourseLifecycleService,
  ) {}

  @RequestHandler(CoursePatterns.createCourse)
  create(request: CreateCourseRequest): Promise<CourseDetailView> {
    return this.courses.create(request);
  }

  @RequestHandler(CoursePatterns.searchCourses)
  search(query: SearchCoursesQuery): Promise<Page<CourseView>> {
    return this.courses.search(query);
  }

  @RequestHandler(CoursePatterns.listMyCourses)
  listMine(query: ListMyCoursesQuery): Promise<Page<CourseView>> {
    return this.courses.listMine(query);
  }

  @RequestHandler(CoursePatterns.getCourse)
  get(request: CourseIdRequest): Promise<CourseDetailView> {
    return this.courses.get(request.courseId);
  }

  @RequestHandler(CoursePatterns.updateCourse)
  update(request: UpdateCourseRequest): Promise<CourseDetailView> {
    return this.courses.update(request);
  }

  @RequestHandler(CoursePatterns.publishCourse)
  publish(request: CourseIdRequest): Promise<CourseDetailView> {
    return this.lifecycle.publish(request.courseId);
  }

  @RequestHandler(CoursePatterns.unpublishCourse)
  unpublish(request: CourseIdRequest): Promise<CourseDetailView> {
    return this.lifecycle.unpublish(request.courseId);
  }

  @RequestHandler(CoursePatterns.archiveCourse)
  archive(request: CourseIdRequest): Promise<CourseDetailView> {
    return this.lifecycle.archive(request.courseId);
  }

  @RequestHandler(CoursePatterns.deleteCourse)
  async delete(request: CourseIdRequest): Promise<null> {
    await this.courses.delete(request.courseId);
    return null;
  }
}
