import { Injectable } from '@nestjs/common';
import {
  CommercePatterns,
  type CreateProductRequest,
  type ListProductsQuery,
  type Page,
  type ProductIdRequest,
  type ProductView,
  RequestHandler,
  type UpdateProductRequest,
} from '@platform/contracts';
import { ProductsService } from './products.service';

@Injectable()
export class ProductsHandlers {
  constructor(private readonly products: ProductsService) {}

  @RequestHandler(CommercePatterns.listProducts)
  list(query: ListProductsQuery): Promise<Page<ProductView>> {
    return this.products.list(query);
  }

  @RequestHandler(CommercePatterns.getProduct)
  get(request: ProductIdRequest): Promise<ProductView> {
    return this.products.get(request.productId);
  }

  @RequestHandler(CommercePatterns.createProduct)
  create(request: CreateProductRequest): Promise<ProductView> {
    return this.products.create(request);
  }

  @RequestHandler(CommercePatterns.updateProduct)
  update(request: UpdateProductRequest): Promise<ProductView> {
    return this.products.update(request);
  }
}
