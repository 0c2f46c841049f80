import { Injectable } from '@nestjs/common';
import {
  CommercePatterns,
  type ListMyOrdersQuery,
  type OrderIdRequest,
  type OrderView,
  type Page,
  type PlaceOrderRequest,
  RequestHandler,
} from '@platform/contracts';
import { OrderPlacementService } from './order-placement.service';
import { OrdersService } from './orders.service';

@Injectable()
export class OrdersHandlers {
  constructor(
    private readonly placement: OrderPlacementService,
    private readonly orders: OrdersService,
  ) {}

  @RequestHandler(CommercePatterns.placeOrder)
  place(request: PlaceOrderRequest): Promise<OrderView> {
    return this.placement.place(request);
  }

  @RequestHandler(CommercePatterns.getOrder)
  get(request: OrderIdRequest): Promise<OrderView> {
    return this.orders.get(request.orderId);
  }

  @RequestHandler(CommercePatterns.listMyOrders)
  listMine(query: ListMyOrdersQuery): Promise<Page<OrderView>> {
    return this.orders.listMine(query);
  }

  @RequestHandler(CommercePatterns.cancelOrder)
  cancel(request: OrderIdRequest): Promise<OrderView> {
    return this.orders.cancel(request.orderId);
  }
}
