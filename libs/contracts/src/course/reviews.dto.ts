import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { PageQuery } from '../common/page';

export const MAX_REVIEW_LENGTH = 5_000;

/** `POST /courses/:id/reviews`: once per enrolled learner; never by the course's instructor. */
export class CreateReviewBody {
  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  rating!: number;

  @ApiProperty({ required: false, nullable: true, maxLength: MAX_REVIEW_LENGTH })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(MAX_REVIEW_LENGTH)
  body?: string | null;
}

export class CreateReviewRequest extends CreateReviewBody {
  @IsUUID()
  courseId!: string;
}

/** `GET /courses/:id/reviews`, newest first. */
export class ListReviewsQuery extends PageQuery {}

export class ListReviewsRequest extends ListReviewsQuery {
  @IsUUID()
  courseId!: string;
}

/** `PATCH /reviews/:id`: the author changes their rating or text. Null clears the text. */
export class UpdateReviewBody extends PartialType(CreateReviewBody, { skipNullProperties: false }) {}

export class UpdateReviewRequest extends UpdateReviewBody {
  @IsUUID()
  reviewId!: string;
}

/** `DELETE /reviews/:id`: the author or an admin. */
export class ReviewIdRequest {
  @IsUUID()
  reviewId!: string;
}

export interface ReviewView {
  id: string;
  courseId: string;
  userId: string;
  authorName: string | null;
  rating: number;
  body: string | null;
  createdAt: string;
  updatedAt: string;
}
