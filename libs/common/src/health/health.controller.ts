import { Controller, Get } from '@nestjs/common';
import {
  HealthCheck,
  type HealthCheckResult,
  HealthCheckService,
  type HealthIndicatorResult,
  HealthIndicatorService,
} from '@nestjs/terminus';
import { ShutdownState } from '../lifecycle/shutdown-state';
import { InfrastructureEndpoint } from './infrastructure-endpoint';
import { type ReadinessCheck, ReadinessRegistry } from './readiness';

const CHECK_TIMEOUT_MS = 2_000;

@Controller('health')
@InfrastructureEndpoint()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly registry: ReadinessRegistry,
    private readonly shutdown: ShutdownState,
  ) {}

  /** The process runs and its event loop turns; a failing liveness probe restarts the pod. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Every dependency answers and the process is not stopping; else 503 and no new work. */
  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.lifecycle(),
      ...this.registry.all().map((check) => () => this.run(check)),
    ]);
  }

  private lifecycle(): HealthIndicatorResult {
    const session = this.indicators.check('lifecycle');
    return this.shutdown.isShuttingDown ? session.down({ message: 'shutting down' }) : session.up();
  }

  private async run(check: ReadinessCheck): Promise<HealthIndicatorResult> {
    const session = this.indicators.check(check.name);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        check.check(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
            CHECK_TIMEOUT_MS,
          );
        }),
      ]);
      return session.up();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // A non-critical dependency is reported, but the process stays ready without it.
      if (check.critical === false) return session.up({ degraded: true, message });
      return session.down({ message });
    } finally {
      clearTimeout(timer);
    }
  }
}
