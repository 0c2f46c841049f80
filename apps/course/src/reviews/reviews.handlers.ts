import { Injectable } from '@nestjs/common';
import {
  CoursePatterns,
  CreateReviewRequest,
  ListReviewsRequest,
  type Page,
  RequestHandler,
  ReviewIdRequest,
  type ReviewView,
  UpdateReviewRequest,
} from '@platform/contracts';
import { ReviewsService } from './reviews.service';

@Injectable()
export class ReviewsHandlers {
  constructor(private readonly reviews: ReviewsService) {}

  @RequestHandler(CoursePatterns.createReview)
  create(request: CreateReviewRequest): Promise<ReviewView> {
    return this.reviews.create(request);
  }

  @RequestHandler(CoursePatterns.listReviews)
  list(request: ListReviewsRequest): Promise<Page<ReviewView>> {
    return this.reviews.list(request);
  }

  @RequestHandler(CoursePatterns.updateReview)
  update(request: UpdateReviewRequest): Promise<ReviewView> {
    return this.reviews.update(request);
  }

  @RequestHandler(CoursePatterns.deleteReview)
  async delete(request: ReviewIdRequest): Promise<null> {
    await this.reviews.delete(request.reviewId);
    return null;
  }
}
