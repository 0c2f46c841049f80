import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@platform/auth';
import {
  CommercePatterns,
  OrderIdParam,
  type OrderView,
  PayOrderBody,
  PlaceOrderBody,
  RefundOrderBody,
  ServiceClient,
} from '@platform/contracts';
import { ApiErrorResponse, OrderViewSchema } from './commerce.schemas';
import { ApiIdempotencyKey, IdempotencyKey, OptionalIdempotencyKey } from './idempotency-key.header';

/**
 * How long these writes may take before 504, longer than other routes (SERVICE_TIMEOUT_MS,
 * 5 s by default) because each may wait on purpose inside commerce. Placing waits, for a duplicate of a
 * running request, up to commerce's IDEMPOTENCY_WAIT_MS (4 s), and for course to hold seats
 * (SEAT_HOLD_TIMEOUT_MS, 3 s). Paying and refunding call the processor (PAYMENT_PROVIDER_TIMEOUT_MS,
 * 4 s, twice for authorize + capture) after that same wait. A 504 never loses the outcome:
 * the retry with the same Idempotency-Key replays it.
 */
const PLACE_TIMEOUT_MS = 10_000;
const MONEY_MOVEMENT_TIMEOUT_MS = 15_000;

/**
 * Orders and what happens to them. Placing and paying require an Idempotency-Key (a
 * retried request must never order or charge twice); refunds take one optionally.
 * Ownership is commerce's to check: the owner or an admin, 403 for anyone else.
 */
@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(private readonly commerce: ServiceClient) {}

  @Post()
  @ApiIdempotencyKey({ required: true })
  @ApiCreatedResponse({ type: OrderViewSchema, description: 'pending_payment until paid or expired' })
  @ApiErrorResponse(404, 'A product does not exist')
  @ApiErrorResponse(
    409,
    'INSUFFICIENT_STOCK, COURSE_FULL, ALREADY_ENROLLED, PRODUCT_UNAVAILABLE, or IDEMPOTENCY_KEY_IN_USE',
  )
  @ApiErrorResponse(422, 'IDEMPOTENCY_KEY_REUSED: this key came with another body')
  place(@IdempotencyKey() idempotencyKey: string, @Body() body: PlaceOrderBody): Promise<OrderView> {
    return this.commerce.send(
      CommercePatterns.placeOrder,
      { ...body, idempotencyKey },
      { timeoutMs: PLACE_TIMEOUT_MS },
    );
  }

  @Get(':id')
  @ApiOkResponse({ type: OrderViewSchema })
  get(@Param() params: OrderIdParam): Promise<OrderView> {
    return this.commerce.send(CommercePatterns.getOrder, { orderId: params.id });
  }

  @Post(':id/pay')
  @HttpCode(200)
  @ApiIdempotencyKey({ required: true })
  @ApiOkResponse({ type: OrderViewSchema, description: 'Paid, with `invoiceId`' })
  @ApiErrorResponse(402, 'PAYMENT_DECLINED: nothing was charged and the order can be paid again')
  @ApiErrorResponse(409, 'Not payable (INVALID_STATE), PAYMENT_IN_PROGRESS, or IDEMPOTENCY_KEY_IN_USE')
  @ApiErrorResponse(422, 'IDEMPOTENCY_KEY_REUSED: this key came with another body')
  @ApiErrorResponse(503, 'The processor did not confirm in time: retry with the same Idempotency-Key')
  pay(
    @Param() params: OrderIdParam,
    @IdempotencyKey() idempotencyKey: string,
    @Body() body: PayOrderBody,
  ): Promise<OrderView> {
    return this.commerce.send(
      CommercePatterns.payOrder,
      { ...body, orderId: params.id, idempotencyKey },
      { timeoutMs: MONEY_MOVEMENT_TIMEOUT_MS },
    );
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderViewSchema, description: 'Canceled; its stock and seats are released' })
  @ApiErrorResponse(409, 'Only a pending_payment order can be canceled (INVALID_STATE, PAYMENT_IN_PROGRESS)')
  cancel(@Param() params: OrderIdParam): Promise<OrderView> {
    return this.commerce.send(CommercePatterns.cancelOrder, { orderId: params.id });
  }

  @Post(':id/refund')
  @HttpCode(200)
  @Roles('admin')
  @ApiIdempotencyKey({ required: false })
  @ApiOkResponse({ type: OrderViewSchema, description: 'With the refund under `refunds`' })
  @ApiErrorResponse(409, 'More than captured minus refunded (REFUND_EXCEEDS_CAPTURED), or not paid')
  @ApiErrorResponse(422, 'IDEMPOTENCY_KEY_REUSED: this key came with another body')
  refund(
    @Param() params: OrderIdParam,
    @OptionalIdempotencyKey() idempotencyKey: string | undefined,
    @Body() body: RefundOrderBody,
  ): Promise<OrderView> {
    return this.commerce.send(
      CommercePatterns.refundOrder,
      { ...body, orderId: params.id, ...(idempotencyKey === undefined ? {} : { idempotencyKey }) },
      { timeoutMs: MONEY_MOVEMENT_TIMEOUT_MS },
    );
  }
}
