import { Injectable } from '@nestjs/common';
import { currentActor, requireRole } from '@platform/auth';
import { CheckViolationError, ConflictError } from '@platform/common';
import {
  type CourseDetailView,
  type CourseView,
  type CreateCourseRequest,
  type ListMyCoursesQuery,
  type Page,
  type SearchCoursesQuery,
  type UpdateCourseRequest,
} from '@platform/contracts';
import { Transactional } from '@platform/database';
import { CategoriesService } from '../categories/categories.service';
import { invalidState } from '../common/domain-errors';
import { CourseAccess } from './course-access';
import { CourseDetails } from './course-details';
import { type Course } from './course.entity';
import { CourseEvents } from './course.events';
import { CoursesRepository } from './courses.repository';

/** The catalog side of courses: create, read, search, edit, delete. Status changes: CourseLifecycleService. */
@Injectable()
export class CoursesService {
  constructor(
    private readonly courses: CoursesRepository,
    private readonly access: CourseAccess,
    private readonly details: CourseDetails,
    private readonly categories: CategoriesService,
    private readonly events: CourseEvents,
  ) {}

  @Transactional()
  async create(request: CreateCourseRequest): Promise<CourseDetailView> {
    const actor = requireRole('instructor');
    if (request.categoryId) await this.categories.requireExists(request.categoryId);
    const course = await this.courses.create({
      title: request.title,
      description: request.description ?? null,
      categoryId: request.categoryId ?? null,
      level: request.level,
      language: request.language ?? 'en',
      priceCents: request.priceCents,
      currency: request.currency ?? 'USD',
      capacity: request.capacity ?? null,
      instructorId: actor.userId,
    });
    return this.details.detail(await this.courses.getById(course.id));
  }

  async get(courseId: string): Promise<CourseDetailView> {
    return this.details.detail(await this.access.visible(courseId));
  }

  async search(query: SearchCoursesQuery): Promise<Page<CourseView>> {
    const q = query.q?.trim() || undefined;
    const page = await this.courses.search({ ...query, q, sort: query.sort ?? (q ? 'relevance' : 'newest') });
    return this.details.page(page);
  }

  async listMine(query: ListMyCoursesQuery): Promise<Page<CourseView>> {
    const actor = currentActor();
    const page = await this.courses.list({
      filter: { instructorId: { eq: actor.userId }, status: query.status ? { eq: query.status } : undefined },
      limit: query.limit,
      offset: query.offset,
    });
    return this.details.page(page);
  }

  /** Applies the changes only if `version` is still current (else VERSION_CONFLICT). */
  @Transactional()
  async update(request: UpdateCourseRequest): Promise<CourseDetailView> {
    const course = await this.access.owned(request.courseId);
    if (course.status === 'archived') throw invalidState('An archived course can no longer be edited');
    const { courseId, version, ...changes } = request;
    if (changes.categoryId) await this.categories.requireExists(changes.categoryId);
    let updated: Course;
    try {
      updated = await this.courses.update(courseId, changes, { expectedVersion: version });
    } catch (error) {
      throw explainCapacityViolation(error, changes.capacity);
    }
    await this.events.updated(updated);
    return this.details.detail(updated);
  }

  /** Soft delete, refused while anyone holds a seat: their access would vanish with it. */
  @Transactional()
  async delete(courseId: string): Promise<void> {
    const course = await this.access.owned(courseId);
    if (!(await this.courses.softDeleteIfEmpty(courseId, currentActor().userId))) {
      const current = await this.courses.getById(courseId);
      throw invalidState('Learners hold seats in this course; archive it instead of deleting it', {
        seatsTaken: current.seatsTaken,
      });
    }
    await this.events.archived(course);
  }
}

/** chk_courses_seats_taken_capacity: a capacity below the seats already taken. */
function explainCapacityViolation(error: unknown, capacity: number | null | undefined): unknown {
  const constraint = (error as CheckViolationError).details as { constraint?: string } | undefined;
  if (error instanceof CheckViolationError && constraint?.constraint === 'chk_courses_seats_taken_capacity') {
    return new ConflictError(`Capacity ${capacity} is below the seats already taken`, {
      details: { field: 'capacity', constraint: constraint.constraint },
    });
  }
  return error;
}
