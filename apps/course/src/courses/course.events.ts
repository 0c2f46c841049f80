import { Injectable } from '@nestjs/common';
import { CourseArchived, CoursePublished, CourseUpdated, EventPublisher } from '@platform/events';
import { type Course } from './course.entity';
import { courseSnapshot } from './course.views';

/** The course.course.* events, written to the outbox in the caller's transaction. */
@Injectable()
export class CourseEvents {
  constructor(private readonly publisher: EventPublisher) {}

  async updated(course: Course): Promise<void> {
    await this.publisher.publish(CourseUpdated, {
      aggregateId: course.id,
      data: { ...courseSnapshot(course), status: course.status, version: course.version },
    });
  }

  async published(course: Course): Promise<void> {
    await this.publisher.publish(CoursePublished, {
      aggregateId: course.id,
      data: { ...courseSnapshot(course), publishedAt: (course.publishedAt ?? new Date()).toISOString() },
    });
  }

  async archived(course: Course): Promise<void> {
    await this.publisher.publish(CourseArchived, {
      aggregateId: course.id,
      data: { courseId: course.id, instructorId: course.instructorId },
    });
  }
}
