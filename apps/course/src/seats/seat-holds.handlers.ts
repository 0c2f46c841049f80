import { Injectable } from '@nestjs/common';
import { HoldSeatRequest, RequestHandler, type SeatHoldView, SeatPatterns } from '@platform/contracts';
import { SeatHoldsService } from './seat-holds.service';

@Injectable()
export class SeatHoldsHandlers {
  constructor(private readonly holds: SeatHoldsService) {}

  @RequestHandler(SeatPatterns.hold)
  hold(request: HoldSeatRequest): Promise<SeatHoldView> {
    return this.holds.hold(request);
  }
}
