import { Injectable } from '@nestjs/common';
import { DuplicateKeyError, NotFoundError, ValidationError } from '@platform/common';
import { requireRole } from '@platform/auth';
import { type CategoryView, type CreateCategoryRequest } from '@platform/contracts';
import { Transactional } from '@platform/database';
import { CategoriesRepository } from './categories.repository';
import { buildCategoryTree, slugify } from './category-tree';

@Injectable()
export class CategoriesService {
  constructor(private readonly categories: CategoriesRepository) {}

  async tree(): Promise<CategoryView[]> {
    return buildCategoryTree(await this.categories.findAll());
  }

  @Transactional()
  async create(request: CreateCategoryRequest): Promise<CategoryView> {
    requireRole('admin');
    const parent = request.parentId ? await this.categories.findById(request.parentId) : null;
    if (request.parentId && !parent) throw NotFoundError.forEntity('Category', request.parentId);
    const slug = parent ? `${parent.slug}/${slugify(request.name)}` : slugify(request.name);
    try {
      const created = await this.categories.create({
        name: request.name,
        slug,
        parentId: parent?.id ?? null,
      });
      return { id: created.id, name: created.name, slug, parentId: created.parentId, children: [] };
    } catch (error) {
      if (error instanceof DuplicateKeyError) {
        throw new DuplicateKeyError(`A category named "${request.name}" already exists there`, {
          details: { slug },
        });
      }
      throw error;
    }
  }

  /** A course may only name a category that exists: otherwise the request is wrong, not the URL. */
  async requireExists(categoryId: string): Promise<void> {
    if (!(await this.categories.findById(categoryId))) {
      throw new ValidationError('No such category', {
        details: [{ field: 'categoryId', message: 'names no category' }],
      });
    }
  }
}
