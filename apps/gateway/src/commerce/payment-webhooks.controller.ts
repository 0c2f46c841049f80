import { Controller, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@platform/auth';
import { ValidationError } from '@platform/common';
import {
  CommercePatterns,
  type PaymentWebhookAck,
  type PaymentWebhookRequest,
  ServiceClient,
} from '@platform/contracts';
import { type FastifyRequest } from 'fastify';
import { KeepRawBody, rawBodyOf } from '../http/raw-json-body';
import { SkipRateLimit } from '../rate-limit/rate-limit.decorators';
import { ApiErrorResponse, PaymentWebhookAckSchema } from './commerce.schemas';

/**
 * Where the payment processor confirms what happened (captures, declines, refunds). Public:
 * the processor's HMAC signature over the exact bytes authenticates it, so the raw body
 * goes to commerce untouched, which checks the signature and applies each event once by
 * its id. Answered 2xx only when commerce took the event, so the processor retries
 * otherwise. Not rate limited: a processor's bursts come from a few addresses, and a
 * throttled confirmation only delays settlement while the bad-signature path costs one HMAC.
 */
@ApiTags('webhooks')
@Controller('webhooks/payments')
@Public()
@SkipRateLimit()
export class PaymentWebhooksController {
  constructor(private readonly commerce: ServiceClient) {}

  @Post(':provider')
  @HttpCode(200)
  @KeepRawBody()
  @ApiOkResponse({ type: PaymentWebhookAckSchema, description: '`duplicate` when the event was seen before' })
  @ApiErrorResponse(401, 'The Processor-Signature header does not match the body')
  receive(
    @Param('provider') provider: string,
    @Headers('processor-signature') signature: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<PaymentWebhookAck> {
    const payload = rawBodyOf(request);
    if (payload === undefined) throw new ValidationError('A webhook carries a JSON body');
    return this.commerce.send(CommercePatterns.receivePaymentWebhook, {
      provider: provider as PaymentWebhookRequest['provider'],
      payload,
      signature: signature ?? '',
    });
  }
}
