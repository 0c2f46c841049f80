import { Injectable } from '@nestjs/common';
import { ConflictError, DuplicateKeyError, ForbiddenError } from '@platform/common';
import { optionalActor, requireRole } from '@platform/auth';
import {
  type CreateProductRequest,
  type ListProductsQuery,
  type Page,
  type ProductView,
  type UpdateProductRequest,
} from '@platform/contracts';
import { type Filter, runInTransaction } from '@platform/database';
import { InventoryRepository } from '../inventory/inventory.repository';
import { type Product } from './product.entity';
import { requireProductManager } from './product-access';
import { toProductView } from './product.views';
import { ProductsRepository } from './products.repository';

/** A unique violation on products, told in the words of the request that caused it. */
export function explainProductDuplicate(error: unknown, sku: string, courseId?: string | null): unknown {
  if (!(error instanceof DuplicateKeyError)) return error;
  const constraint = (error.details as { constraint?: string } | undefined)?.constraint;
  if (constraint === 'uq_products_sku') {
    return new DuplicateKeyError(`A product with SKU ${sku} already exists`, { details: { field: 'sku' } });
  }
  if (constraint === 'uq_products_course_id') {
    return new DuplicateKeyError(`Course ${courseId} already has a product`, {
      details: { field: 'courseId' },
    });
  }
  return error;
}

@Injectable()
export class ProductsService {
  constructor(
    private readonly products: ProductsRepository,
    private readonly inventory: InventoryRepository,
  ) {}

  async list(query: ListProductsQuery): Promise<Page<ProductView>> {
    if (query.includeInactive && !optionalActor()?.isAdmin) {
      throw new ForbiddenError('Only admins may list products that are not for sale');
    }
    const filter: Filter<Product> = {};
    if (query.courseId) filter.courseId = { eq: query.courseId };
    if (!query.includeInactive) filter.isActive = { eq: true };
    const page = await this.products.list({ filter, limit: query.limit, offset: query.offset });
    const stock = await this.inventory.findByProductIds(page.items.map((product) => product.id));
    return { ...page, items: page.items.map((product) => toProductView(product, stock.get(product.id))) };
  }

  async get(productId: string): Promise<ProductView> {
    const product = await this.products.getById(productId);
    return toProductView(product, await this.inventory.findByProductId(productId));
  }

  async create(request: CreateProductRequest): Promise<ProductView> {
    const actor = requireRole('instructor');
    if (request.courseId && !actor.isAdmin) {
      throw new ForbiddenError(
        'Only admins link products to courses; a published paid course gets its product automatically',
      );
    }
    return runInTransaction(async () => {
      const product = await this.products
        .create({
          sku: request.sku,
          name: request.name,
          priceCents: request.priceCents,
          currency: request.currency,
          courseId: request.courseId ?? null,
          isActive: true,
          ownerId: actor.userId,
        })
        .catch((error: unknown) => {
          throw explainProductDuplicate(error, request.sku, request.courseId);
        });
      const stock = request.stock == null ? null : await this.inventory.setOnHand(product.id, request.stock);
      return toProductView(product, stock);
    });
  }

  async update(request: UpdateProductRequest): Promise<ProductView> {
    const product = await this.products.getById(request.productId);
    requireProductManager(product);
    if (product.courseId && (request.priceCents !== undefined || request.currency !== undefined)) {
      throw new ConflictError("A course product's price follows its course: change the course's price", {
        details: { courseId: product.courseId },
      });
    }
    if (request.isActive && product.courseArchivedAt) {
      throw new ConflictError('The course is archived: its product cannot go back on sale', {
        details: { courseId: product.courseId },
      });
    }
    const updated = await this.products.update(
      product.id,
      {
        name: request.name,
        priceCents: request.priceCents,
        currency: request.currency,
        isActive: request.isActive,
      },
      { expectedVersion: request.version },
    );
    return toProductView(updated, await this.inventory.findByProductId(product.id));
  }
}
