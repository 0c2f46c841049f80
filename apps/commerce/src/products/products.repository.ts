import { Injectable } from '@nestjs/common';
import { BaseRepository } from '@platform/database';
import { DataSource } from 'typeorm';
import { Product } from './product.entity';

@Injectable()
export class ProductsRepository extends BaseRepository<Product> {
  constructor(dataSource: DataSource) {
    super(dataSource, Product, {
      filterable: ['courseId', 'isActive', 'ownerId', 'sku'],
      sortable: ['createdAt', 'name', 'priceCents'],
      defaultSort: { createdAt: 'DESC' },
    });
  }

  /** The live products among `ids` (deleted and unknown ones are simply missing). */
  async findLive(ids: readonly string[]): Promise<Product[]> {
    if (ids.length === 0) return [];
    return this.guard(() => this.select().andWhere(`${this.alias}.id IN (:...ids)`, { ids }).getMany());
  }

  findByCourseId(courseId: string): Promise<Product | null> {
    return this.findOne({ courseId: { eq: courseId } });
  }
}
