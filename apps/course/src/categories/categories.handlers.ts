import { Injectable } from '@nestjs/common';
import {
  type CategoryView,
  CoursePatterns,
  type CreateCategoryRequest,
  RequestHandler,
} from '@platform/contracts';
import { CategoriesService } from './categories.service';

@Injectable()
export class CategoriesHandlers {
  constructor(private readonly categories: CategoriesService) {}

  @RequestHandler(CoursePatterns.listCategories)
  list(): Promise<CategoryView[]> {
    return this.categories.tree();
  }

  @RequestHandler(CoursePatterns.createCategory)
  create(request: CreateCategoryRequest): Promise<CategoryView> {
    return this.categories.create(request);
  }
}
