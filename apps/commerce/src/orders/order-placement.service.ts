import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConflictError, DuplicateKeyError, NotFoundError, isAppError } from '@platform/common';
import { currentActor } from '@platform/auth';
import { type OrderView, type PlaceOrderRequest } from '@platform/contracts';
import { runInTransaction } from '@platform/database';
import { EventPublisher, OrderCanceled, OrderPlaced } from '@platform/events';
import { COMMERCE_CONFIG, type CommerceConfig } from '../config';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { InventoryService } from '../inventory/inventory.service';
import { type Product } from '../products/product.entity';
import { ProductsRepository } from '../products/products.repository';
import { SEAT_HOLDER, type SeatHolder } from '../seats/seat-holder.port';
import { SeatHolds } from '../seats/seat-holds';
import { commerceMetrics } from '../shared/commerce.metrics';
import { OrderItem } from './order-item.entity';
import { type OrderDraft, buildOrderDraft } from './order-draft';
import { OrderItemsRepository } from './order-items.repository';
import { OrderQueries } from './order-queries';
import { Order } from './order.entity';
import { orderRef, toEventItem, toOrderView } from './order.views';
import { OrdersRepository } from './orders.repository';

/**
 * Places orders. One transaction inserts the order, reserves stock (one conditional UPDATE
 * per counted line, in product order), holds a course seat per course item (request/reply
 * to course, in the buyer's context) and records `commerce.order.placed`. Any refusal rolls
 * it all back; seats already held by then are released through an `order.canceled` event.
 * Stock goes first (the cheap refusal); an order mixing counted stock and courses then holds
 * its inventory row locks for the seat round trips, bounded by SEAT_HOLD_TIMEOUT_MS.
 */
@Injectable()
export class OrderPlacementService {
  private readonly logger = new Logger(OrderPlacementService.name);

  constructor(
    private readonly products: ProductsRepository,
    private readonly orders: OrdersRepository,
    private readonly items: OrderItemsRepository,
    private readonly queries: OrderQueries,
    private readonly inventory: InventoryService,
    private readonly idempotency: IdempotencyService,
    private readonly events: EventPublisher,
    @Inject(SEAT_HOLDER) private readonly seats: SeatHolder,
    @Inject(COMMERCE_CONFIG) private readonly config: CommerceConfig,
  ) {}

  place(request: PlaceOrderRequest): Promise<OrderView> {
    const { userId } = currentActor();
    return this.idempotency.execute(
      { userId, operation: 'orders.place', key: request.idempotencyKey },
      request,
      () => this.placeOnce(userId, request),
    );
  }

  private async placeOnce(userId: string, request: PlaceOrderRequest): Promise<OrderView> {
    // A run of this request that died after its commit but before its answer was stored.
    const earlier = await this.orders.findByIdempotencyKey(userId, request.idempotencyKey);
    if (earlier) return this.queries.view(earlier);
    const draft = await this.draft(userId, request);
    const holds = new SeatHolds(this.seats);
    try {
      await runInTransaction(async () => {
        await this.orders.create(draft.order);
        const reserved = await this.inventory.reserve(draft.lines);
        for (const item of draft.items) item.isStockReserved = reserved.has(item.productId);
        await this.items.bulkCreate(draft.items);
        await holds.holdAll(draft.order, draft.items);
        await this.events.publish(OrderPlaced, {
          aggregateId: draft.order.id,
          data: {
            ...orderRef(draft.order),
            items: draft.items.map(toEventItem),
            totalCents: draft.order.totalCents,
            expiresAt: draft.order.expiresAt.toISOString(),
          },
        });
      });
    } catch (error) {
      if (isKeyTaken(error)) {
        const placed = await this.orders.findByIdempotencyKey(userId, request.idempotencyKey);
        if (placed) return this.queries.view(placed);
      }
      if (holds.mayHoldSeats) await this.abandon(draft, error);
      commerceMetrics.ordersRefused.inc({ code: isAppError(error) ? error.code : 'INTERNAL' });
      throw error;
    }
    commerceMetrics.ordersPlaced.inc();
    return toOrderView(draft.order, draft.items);
  }

  /** Loads the lines' products: all must exist and be for sale. */
  private async draft(userId: string, request: PlaceOrderRequest): Promise<OrderDraft> {
    const ids = request.items.map((line) => line.productId);
    const found = new Map((await this.products.findLive(ids)).map((product) => [product.id, product]));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw new NotFoundError(`No such product: ${missing.join(', ')}`, { details: { productIds: missing } });
    }
    const products = ids.map((id) => found.get(id) as Product);
    const inactive = products.filter((product) => !product.isActive).map((product) => product.id);
    if (inactive.length > 0) {
      throw new ConflictError('Some products are not for sale', {
        code: 'PRODUCT_UNAVAILABLE',
        details: { productIds: inactive },
      });
    }
    return buildOrderDraft(userId, request, products, this.config.ORDER_TTL_SECONDS);
  }

  /**
   * Records the order that could not be placed as canceled and publishes that, so course
   * releases the seats it held for it at once instead of at the holds' backstop expiry.
   * The order keeps no idempotency key: a retry with the key places afresh.
   */
  private async abandon(draft: OrderDraft, error: unknown): Promise<void> {
    const reason = isAppError(error) ? error.code : 'INTERNAL';
    const order = Object.assign(new Order(), draft.order, {
      status: 'canceled',
      canceledAt: new Date(),
      canceledBy: 'system',
      cancelReason: reason,
      idempotencyKey: null,
    } satisfies Partial<Order>);
    const items = draft.items.map((item) => Object.assign(new OrderItem(), item, { isStockReserved: false }));
    try {
      await runInTransaction(async () => {
        await this.orders.create(order);
        await this.items.bulkCreate(items);
        await this.events.publish(OrderCanceled, {
          aggregateId: order.id,
          data: { ...orderRef(order), items: items.map(toEventItem), canceledBy: 'customer', reason },
        });
      });
    } catch (failure) {
      this.logger.error(
        `Could not record abandoned order ${order.id}; course releases its holds at their expiry: ${String(failure)}`,
      );
    }
  }
}

function isKeyTaken(error: unknown): boolean {
  return (
    error instanceof DuplicateKeyError &&
    (error.details as { constraint?: string } | undefined)?.constraint === 'uq_orders_user_id_idempotency_key'
  );
}
