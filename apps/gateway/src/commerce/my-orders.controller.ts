import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CommercePatterns,
  ListMyOrdersQuery,
  type OrderView,
  type Page,
  ServiceClient,
} from '@platform/contracts';
import { OrderPageSchema } from './commerce.schemas';

@ApiTags('orders')
@Controller('users/me/orders')
export class MyOrdersController {
  constructor(private readonly commerce: ServiceClient) {}

  /** The caller's orders, newest first; `?status=` filters. */
  @Get()
  @ApiOkResponse({ type: OrderPageSchema })
  list(@Query() query: ListMyOrdersQuery): Promise<Page<OrderView>> {
    return this.commerce.send(CommercePatterns.listMyOrders, query);
  }
}
