import { Injectable } from '@nestjs/common';
import { BaseRepository } from '@platform/database';
import { DataSource } from 'typeorm';
import { Review } from './review.entity';

@Injectable()
export class ReviewsRepository extends BaseRepository<Review> {
  constructor(dataSource: DataSource) {
    super(dataSource, Review, {
      filterable: ['courseId', 'userId'],
      sortable: ['createdAt'],
      defaultSort: { createdAt: 'DESC' },
    });
  }

  async lockById(reviewId: string): Promise<Review | null> {
    return this.guard(() =>
      this.select().andWhere('entity.id = :reviewId', { reviewId }).setLock('pessimistic_write').getOne(),
    );
  }
}
