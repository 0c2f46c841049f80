import { Injectable } from '@nestjs/common';

/**
 * One dependency a service needs to do its work (its database, NATS, Redis).
 * `check` resolves when the dependency answers and rejects with the reason otherwise.
 */
export interface ReadinessCheck {
  readonly name: string;
  /**
   * false: the process serves without this dependency (degraded), so a failure is reported
   * in the details but does not make the process unready. Taking every replica out of the
   * load balancer for a dependency they can do without would turn a partial outage into a
   * total one. Default true.
   */
  readonly critical?: boolean;
  check(): Promise<void>;
}

/** Modules that own a connection register its check here; /health/ready runs them all. */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(check: ReadinessCheck): void {
    this.checks.set(check.name, check);
  }

  all(): ReadinessCheck[] {
    return [...this.checks.values()];
  }
}
