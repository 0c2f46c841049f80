import { Injectable } from '@nestjs/common';
import {
  EnrollmentCompleted,
  EnrollmentCreated,
  EnrollmentDropped,
  EventPublisher,
  LessonCompleted,
} from '@platform/events';
import { type Enrollment } from './enrollment.entity';

const ref = (enrollment: Enrollment) => ({
  enrollmentId: enrollment.id,
  courseId: enrollment.courseId,
  userId: enrollment.userId,
});

/** The course.enrollment.* and course.lesson.* events, written to the outbox in the caller's transaction. */
@Injectable()
export class EnrollmentEvents {
  constructor(private readonly publisher: EventPublisher) {}

  async created(enrollment: Enrollment): Promise<void> {
    await this.publisher.publish(EnrollmentCreated, {
      aggregateId: enrollment.id,
      data: {
        ...ref(enrollment),
        source: enrollment.source,
        orderId: enrollment.orderId,
        orderItemId: enrollment.orderItemId,
      },
    });
  }

  async dropped(enrollment: Enrollment, reason: 'dropped' | 'refunded'): Promise<void> {
    await this.publisher.publish(EnrollmentDropped, {
      aggregateId: enrollment.id,
      data: { ...ref(enrollment), reason },
    });
  }

  async completed(enrollment: Enrollment, completedAt: Date): Promise<void> {
    await this.publisher.publish(EnrollmentCompleted, {
      aggregateId: enrollment.id,
      data: { ...ref(enrollment), completedAt: completedAt.toISOString() },
    });
  }

  async lessonCompleted(enrollment: Enrollment, lessonId: string, progressPercent: number): Promise<void> {
    await this.publisher.publish(LessonCompleted, {
      aggregateId: enrollment.id,
      data: { ...ref(enrollment), lessonId, progressPercent },
    });
  }
}
