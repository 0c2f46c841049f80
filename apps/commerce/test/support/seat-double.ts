import { type INestApplication, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  ConflictError,
  ForbiddenError,
  NatsModule,
  NotFoundError,
  PlatformModule,
  RequestContext,
  createHttpAdapter,
  newId,
} from '@platform/common';
import {
  type HoldSeatRequest,
  RequestHandler,
  RequestReplyModule,
  type SeatHoldView,
  SeatPatterns,
} from '@platform/contracts';
import { testServers } from '@platform/testing';

/**
 * Stands in for the course service's seat holds over real NATS, until the course service
 * runs in these tests: courses with a capacity, holds idempotent per order item, the
 * buyer check, COURSE_FULL, ALREADY_ENROLLED and NOT_FOUND as course answers them.
 */
@Injectable()
export class SeatHoldsDouble {
  readonly capacity = new Map<string, number>();
  readonly enrolled = new Set<string>();
  readonly holds = new Map<string, HoldSeatRequest & { holdId: string }>();
  /** Courses that answer slower than commerce waits (to test TIMEOUT). */
  readonly slow = new Set<string>();
  calls = 0;

  @RequestHandler(SeatPatterns.hold)
  async hold(request: HoldSeatRequest): Promise<SeatHoldView> {
    this.calls += 1;
    if (RequestContext.userId() !== request.userId)
      throw new ForbiddenError('Only the buyer may hold a seat');
    if (this.slow.has(request.courseId)) await new Promise((resolve) => setTimeout(resolve, 1_500));
    const capacity = this.capacity.get(request.courseId);
    if (capacity === undefined) throw new NotFoundError(`Course ${request.courseId} not found`);
    const existing = this.holds.get(request.orderItemId);
    if (existing) return this.view(existing);
    if (this.enrolled.has(`${request.courseId}:${request.userId}`)) {
      throw new ConflictError('Already enrolled', { code: 'ALREADY_ENROLLED' });
    }
    const taken = [...this.holds.values()].filter((hold) => hold.courseId === request.courseId).length;
    if (taken >= capacity) throw new ConflictError('Course is full', { code: 'COURSE_FULL' });
    const hold = { ...request, holdId: newId() };
    this.holds.set(request.orderItemId, hold);
    return this.view(hold);
  }

  holdsOf(courseId: string): number {
    return [...this.holds.values()].filter((hold) => hold.courseId === courseId).length;
  }

  private view(hold: HoldSeatRequest & { holdId: string }): SeatHoldView {
    return {
      holdId: hold.holdId,
      courseId: hold.courseId,
      orderItemId: hold.orderItemId,
      expiresAt: hold.expiresAt,
    };
  }
}

export interface SeatDouble {
  double: SeatHoldsDouble;
  close(): Promise<void>;
}

export async function startSeatDouble(subjectPrefix: string): Promise<SeatDouble> {
  @Module({
    imports: [
      PlatformModule.forRoot({ service: 'course', logLevel: 'silent' }),
      NatsModule.forRoot({ url: testServers.natsUrl(), name: 'course-seat-double' }),
      RequestReplyModule.forService({ subjectPrefix }),
    ],
    providers: [SeatHoldsDouble],
  })
  class SeatDoubleModule {}
  const moduleRef = await Test.createTestingModule({ imports: [SeatDoubleModule] }).compile();
  const app: INestApplication = moduleRef.createNestApplication(createHttpAdapter(), { logger: false });
  await app.init();
  return { double: app.get(SeatHoldsDouble), close: () => app.close() };
}
