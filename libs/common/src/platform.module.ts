import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health/health.controller';
import { ReadinessRegistry } from './health/readiness';
import { ShutdownState } from './lifecycle/shutdown-state';
import { LoggingModule } from './logging/logging.module';
import { collectProcessMetrics } from './metrics/metrics';
import { MetricsController } from './metrics/metrics.controller';

export interface PlatformModuleOptions {
  /** The service name: log field, metrics label, NATS queue group. */
  service: string;
  logLevel: string;
  /** Log destination; stdout unless given. */
  logDestination?: NodeJS.WritableStream;
}

export const SERVICE_NAME = Symbol('SERVICE_NAME');

/**
 * What every process of the platform has: JSON logs with correlation ids, /health/live,
 * /health/ready over the checks other modules register, /metrics, and a shutdown flag.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformModuleOptions): DynamicModule {
    collectProcessMetrics(options.service);
    return {
      module: PlatformModule,
      imports: [
        LoggingModule.forRoot({
          service: options.service,
          level: options.logLevel,
          destination: options.logDestination,
        }),
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [ReadinessRegistry, ShutdownState, { provide: SERVICE_NAME, useValue: options.service }],
      exports: [ReadinessRegistry, ShutdownState, SERVICE_NAME, LoggingModule],
    };
  }
}
