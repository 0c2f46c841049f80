import { Inject, Injectable } from '@nestjs/common';
import { type HoldSeatRequest, type SeatHoldView, SeatPatterns, ServiceClient } from '@platform/contracts';
import { COMMERCE_CONFIG, type CommerceConfig } from '../config';
import { type SeatHolder } from './seat-holder.port';

/** Asks the course service over request/reply, in the buyer's request context (course checks the caller is the buyer). */
@Injectable()
export class CourseSeatHolder implements SeatHolder {
  constructor(
    private readonly client: ServiceClient,
    @Inject(COMMERCE_CONFIG) private readonly config: CommerceConfig,
  ) {}

  hold(request: HoldSeatRequest): Promise<SeatHoldView> {
    return this.client.send(SeatPatterns.hold, request, { timeoutMs: this.config.SEAT_HOLD_TIMEOUT_MS });
  }
}
