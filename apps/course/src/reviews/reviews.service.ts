import { Injectable } from '@nestjs/common';
import { currentActor } from '@platform/auth';
import { DuplicateKeyError, ForbiddenError, NotFoundError, ValidationError } from '@platform/common';
import {
  type CreateReviewRequest,
  type ListReviewsRequest,
  type Page,
  type ReviewView,
  type UpdateReviewRequest,
} from '@platform/contracts';
import { Transactional } from '@platform/database';
import { EventPublisher, ReviewSubmitted } from '@platform/events';
import { CourseAccess } from '../courses/course-access';
import { type CourseRating, CoursesRepository } from '../courses/courses.repository';
import { EnrollmentsRepository } from '../enrollments/enrollments.repository';
import { UserProfilesService } from '../users/user-profiles.service';
import { type Review } from './review.entity';
import { ReviewsRepository } from './reviews.repository';

/**
 * Reviews and the course's rating. The rating's sum and count move in the same transaction
 * as the review, by one UPDATE each time (CoursesRepository.adjustRating), so the average
 * stays exact however many learners review at once.
 */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly reviews: ReviewsRepository,
    private readonly courses: CoursesRepository,
    private readonly enrollments: EnrollmentsRepository,
    private readonly access: CourseAccess,
    private readonly profiles: UserProfilesService,
    private readonly publisher: EventPublisher,
  ) {}

  /** Once per learner with a seat in the course; never by its instructor. */
  @Transactional()
  async create(request: CreateReviewRequest): Promise<ReviewView> {
    const actor = currentActor();
    const course = await this.access.visible(request.courseId);
    if (course.instructorId === actor.userId) throw new ForbiddenError('You cannot review your own course');
    if (!(await this.enrollments.findSeated(course.id, actor.userId))) {
      throw new ForbiddenError('Only learners enrolled in the course can review it');
    }
    let review: Review;
    try {
      review = await this.reviews.create({
        courseId: course.id,
        userId: actor.userId,
        rating: request.rating,
        body: request.body ?? null,
      });
    } catch (error) {
      if (error instanceof DuplicateKeyError) {
        throw new DuplicateKeyError('You already reviewed this course; edit that review instead', {
          details: { courseId: course.id },
        });
      }
      throw error;
    }
    await this.announce(review, await this.courses.adjustRating(course.id, review.rating, 1));
    return this.view(await this.reviews.getById(review.id));
  }

  async list(request: ListReviewsRequest): Promise<Page<ReviewView>> {
    await this.access.visible(request.courseId);
    const page = await this.reviews.list({
      filter: { courseId: { eq: request.courseId } },
      limit: request.limit,
      offset: request.offset,
    });
    const names = await this.profiles.namesOf(page.items.map((review) => review.userId));
    return {
      ...page,
      items: page.items.map((review) => toReviewView(review, names.get(review.userId) ?? null)),
    };
  }

  /** The author changes their rating or text; the course's rating follows in the same transaction. */
  @Transactional()
  async update(request: UpdateReviewRequest): Promise<ReviewView> {
    if (request.rating === undefined && request.body === undefined)
      throw new ValidationError('Nothing to update');
    const actor = currentActor();
    const review = await this.reviews.lockById(request.reviewId);
    if (!review) throw NotFoundError.forEntity('Review', request.reviewId);
    if (review.userId !== actor.userId) throw new ForbiddenError('Only its author may edit a review');
    const updated = await this.reviews.update(review.id, { rating: request.rating, body: request.body });
    if (updated.rating !== review.rating) {
      await this.announce(
        updated,
        await this.courses.adjustRating(review.courseId, updated.rating - review.rating, 0),
      );
    }
    return this.view(updated);
  }

  /** The author or an admin (moderation) removes it; the rating no longer counts. */
  @Transactional()
  async delete(reviewId: string): Promise<void> {
    const actor = currentActor();
    const review = await this.reviews.lockById(reviewId);
    if (!review) throw NotFoundError.forEntity('Review', reviewId);
    if (review.userId !== actor.userId && !actor.isAdmin) {
      throw new ForbiddenError('Only its author or an admin may delete a review');
    }
    await this.reviews.hardDelete(review.id);
    await this.courses.adjustRating(review.courseId, -review.rating, -1);
  }

  private async announce(review: Review, rating: CourseRating): Promise<void> {
    await this.publisher.publish(ReviewSubmitted, {
      aggregateId: review.courseId,
      data: {
        reviewId: review.id,
        courseId: review.courseId,
        userId: review.userId,
        rating: review.rating,
        ...rating,
      },
    });
  }

  private async view(review: Review): Promise<ReviewView> {
    return toReviewView(review, await this.profiles.nameOf(review.userId));
  }
}

function toReviewView(review: Review, authorName: string | null): ReviewView {
  return {
    id: review.id,
    courseId: review.courseId,
    userId: review.userId,
    authorName,
    rating: review.rating,
    body: review.body,
    createdAt: review.createdAt.toISOString(),
    updatedAt: review.updatedAt.toISOString(),
  };
}
