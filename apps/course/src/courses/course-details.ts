import { Injectable } from '@nestjs/common';
import { optionalActor } from '@platform/auth';
import { type CourseDetailView, type CourseView, type Page } from '@platform/contracts';
import { CurriculumOutline } from '../curriculum/curriculum-outline';
import { UserProfilesService } from '../users/user-profiles.service';
import { isOwnerOrAdmin } from './course-access';
import { type Course } from './course.entity';
import { toCourseDetailView, toCourseView } from './course.views';

/** Turns courses into their views: instructor names from the projection, the outline for a detail. */
@Injectable()
export class CourseDetails {
  constructor(
    private readonly profiles: UserProfilesService,
    private readonly outline: CurriculumOutline,
  ) {}

  async detail(course: Course): Promise<CourseDetailView> {
    const includeUnpublished = isOwnerOrAdmin(course, optionalActor());
    const modules = await this.outline.of(course.id, { includeUnpublished });
    return toCourseDetailView(course, await this.profiles.nameOf(course.instructorId), modules);
  }

  async page(page: Page<Course>): Promise<Page<CourseView>> {
    const names = await this.profiles.namesOf(page.items.map((course) => course.instructorId));
    return {
      ...page,
      items: page.items.map((course) => toCourseView(course, names.get(course.instructorId) ?? null)),
    };
  }
}
