import { Injectable } from '@nestjs/common';
import { BaseRepository } from '@platform/database';
import { DataSource } from 'typeorm';
import { Category } from './category.entity';

@Injectable()
export class CategoriesRepository extends BaseRepository<Category> {
  constructor(dataSource: DataSource) {
    super(dataSource, Category, {
      filterable: ['parentId'],
      sortable: ['name'],
      defaultSort: { name: 'ASC' },
    });
  }

  /** The whole tree is small (tens to hundreds of rows) and always wanted whole. */
  async findAll(): Promise<Category[]> {
    return this.guard(() => this.select().orderBy('entity.name', 'ASC').getMany());
  }
}
