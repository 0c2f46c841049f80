import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OptionalAuth } from '@platform/auth';
import {
  CoursePatterns,
  CreateReviewBody,
  ListReviewsQuery,
  type Page,
  type ReviewView,
  ServiceClient,
  UpdateReviewBody,
} from '@platform/contracts';
import { IdParam } from './course-route-params';
import { ReviewPageSchema, ReviewViewSchema } from './learning.schemas';

/** Reviews of a course; the course's `ratingAvg` and `ratingCount` follow them. */
@ApiTags('reviews')
@Controller()
export class ReviewsController {
  constructor(private readonly course: ServiceClient) {}

  @Post('courses/:id/reviews')
  @ApiCreatedResponse({
    type: ReviewViewSchema,
    description: 'Enrolled learners, once (409 ALREADY_EXISTS); the instructor 403',
  })
  create(@Param() params: IdParam, @Body() body: CreateReviewBody): Promise<ReviewView> {
    return this.course.send(CoursePatterns.createReview, { ...body, courseId: params.id });
  }

  @Get('courses/:id/reviews')
  @OptionalAuth()
  @ApiOkResponse({
    type: ReviewPageSchema,
    description: 'Newest first; a draft course is 404 to all but its owner',
  })
  list(@Param() params: IdParam, @Query() query: ListReviewsQuery): Promise<Page<ReviewView>> {
    return this.course.send(CoursePatterns.listReviews, { ...query, courseId: params.id });
  }

  @Patch('reviews/:id')
  @ApiOkResponse({ type: ReviewViewSchema, description: 'The author' })
  update(@Param() params: IdParam, @Body() body: UpdateReviewBody): Promise<ReviewView> {
    return this.course.send(CoursePatterns.updateReview, { ...body, reviewId: params.id });
  }

  @Delete('reviews/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The author or an admin' })
  async delete(@Param() params: IdParam): Promise<void> {
    await this.course.send(CoursePatterns.deleteReview, { reviewId: params.id });
  }
}
