import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { RequestContext } from '@platform/common';
import { runInTransaction } from '@platform/database';
import { COURSE_CONFIG, type CourseConfig } from '../config';
import { CoursesRepository } from '../courses/courses.repository';
import { SeatHoldsRepository } from './seat-holds.repository';

const BATCH = 200;

/**
 * The backstop for holds whose order never reported back (a lost canceled/expired event, a
 * commerce outage): some minutes after the order's expiry the seat goes back to the course.
 * Safe on every replica at once: rows are claimed with FOR UPDATE SKIP LOCKED.
 */
@Injectable()
export class SeatHoldSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SeatHoldSweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly holds: SeatHoldsRepository,
    private readonly courses: CoursesRepository,
    @Inject(COURSE_CONFIG) private readonly config: CourseConfig,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.SEAT_HOLD_SWEEP_INTERVAL_MS;
    if (interval <= 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .catch((error: unknown) => {
          this.logger.error(
            `Sweeping seat holds failed: ${error instanceof Error ? error.message : String(error)}`,
          );
          return 0;
        })
        .finally(() => (this.running = undefined));
    }, interval);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Releases every overdue hold; returns how many. */
  async sweep(now = new Date()): Promise<number> {
    let released = 0;
    for (;;) {
      const batch = await RequestContext.run(RequestContext.system(), () =>
        runInTransaction(async () => {
          const courseIds = await this.holds.releaseOverdue(now, BATCH);
          const perCourse = new Map<string, number>();
          for (const id of courseIds) perCourse.set(id, (perCourse.get(id) ?? 0) + 1);
          // A fixed order of course rows, so two sweepers never deadlock on them.
          for (const courseId of [...perCourse.keys()].sort()) {
            await this.courses.releaseSeats(courseId, perCourse.get(courseId) ?? 0, 0);
          }
          return courseIds.length;
        }),
      );
      released += batch;
      if (batch < BATCH) break;
    }
    if (released > 0) this.logger.log(`Released ${released} abandoned seat holds`);
    return released;
  }
}
