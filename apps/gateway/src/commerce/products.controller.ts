import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OptionalAuth, Roles } from '@platform/auth';
import {
  CommercePatterns,
  CreateProductRequest,
  type InventoryView,
  ListProductsQuery,
  type Page,
  ProductIdParam,
  type ProductView,
  ServiceClient,
  SetInventoryBody,
  UpdateProductBody,
} from '@platform/contracts';
import {
  ApiErrorResponse,
  InventoryViewSchema,
  ProductPageSchema,
  ProductViewSchema,
} from './commerce.schemas';

/**
 * The catalogue of things to buy. Anyone browses; admins and instructors (their own
 * products) manage. A published paid course gets its product from course's events, so
 * instructors rarely create course products by hand (linking one is admin-only).
 */
@ApiTags('products')
@Controller('products')
export class ProductsController {
  constructor(private readonly commerce: ServiceClient) {}

  /** A signed-in caller is forwarded: admins may ask for products not for sale. */
  @Get()
  @OptionalAuth()
  @ApiOkResponse({ type: ProductPageSchema })
  list(@Query() query: ListProductsQuery): Promise<Page<ProductView>> {
    return this.commerce.send(CommercePatterns.listProducts, query);
  }

  @Get(':id')
  @OptionalAuth()
  @ApiOkResponse({ type: ProductViewSchema })
  get(@Param() params: ProductIdParam): Promise<ProductView> {
    return this.commerce.send(CommercePatterns.getProduct, { productId: params.id });
  }

  @Post()
  @Roles('instructor', 'admin')
  @ApiCreatedResponse({ type: ProductViewSchema })
  @ApiErrorResponse(409, 'SKU already used by a live product (ALREADY_EXISTS)')
  create(@Body() body: CreateProductRequest): Promise<ProductView> {
    return this.commerce.send(CommercePatterns.createProduct, body);
  }

  @Patch(':id')
  @Roles('instructor', 'admin')
  @ApiOkResponse({ type: ProductViewSchema })
  @ApiErrorResponse(409, 'Stale `version` (VERSION_CONFLICT), or a course product (priced by its course)')
  update(@Param() params: ProductIdParam, @Body() body: UpdateProductBody): Promise<ProductView> {
    return this.commerce.send(CommercePatterns.updateProduct, { ...body, productId: params.id });
  }

  @Get(':id/inventory')
  @Roles('instructor', 'admin')
  @ApiOkResponse({ type: InventoryViewSchema })
  inventory(@Param() params: ProductIdParam): Promise<InventoryView> {
    return this.commerce.send(CommercePatterns.getInventory, { productId: params.id });
  }

  @Patch(':id/inventory')
  @Roles('instructor', 'admin')
  @ApiOkResponse({ type: InventoryViewSchema })
  @ApiErrorResponse(409, 'Fewer on hand than already reserved for unpaid orders')
  setInventory(@Param() params: ProductIdParam, @Body() body: SetInventoryBody): Promise<InventoryView> {
    return this.commerce.send(CommercePatterns.setInventory, { ...body, productId: params.id });
  }
}
