import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LockingRepository } from '../common/locking.repository';
import { Review } from './review.entity';

@Injectable()
export class ReviewsRepository extends LockingRepository<Review> {
  constructor(dataSource: DataSource) {
    super(dataSource, Review, {
      filterable: ['courseId', 'userId'],
      sortable: ['createdAt'],
      defaultSort: { createdAt: 'DESC' },
    });
  }
}
