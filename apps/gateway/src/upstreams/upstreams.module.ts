import { type DynamicModule, Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { ReadinessRegistry } from '@platform/common';
import { ServiceClient, systemPingPattern } from '@platform/contracts';

const UPSTREAM_SERVICES = Symbol('UPSTREAM_SERVICES');
const PING_TIMEOUT_MS = 1_000;

/**
 * Reports, on /health/ready, whether each service behind the gateway answers its system
 * ping over NATS. Reported, not required: with identity down the gateway still serves every
 * other service's routes (and answers identity's with 503), whereas an unready gateway would
 * be pulled from the load balancer and take the whole API down with one service. NATS
 * itself stays critical: without it the gateway can serve nothing.
 */
@Injectable()
class UpstreamReadiness implements OnModuleInit {
  constructor(
    private readonly registry: ReadinessRegistry,
    private readonly client: ServiceClient,
    @Inject(UPSTREAM_SERVICES) private readonly services: readonly string[],
  ) {}

  onModuleInit(): void {
    for (const service of this.services) {
      const ping = systemPingPattern(service);
      if (!ping) throw new Error(`"${service}" is not a valid service name`);
      this.registry.register({
        name: `service:${service}`,
        critical: false,
        check: async () => {
          await this.client.send(ping, {}, { timeoutMs: PING_TIMEOUT_MS });
        },
      });
    }
  }
}

@Module({})
export class UpstreamsModule {
  static forRoot(services: readonly string[]): DynamicModule {
    return {
      module: UpstreamsModule,
      providers: [{ provide: UPSTREAM_SERVICES, useValue: services }, UpstreamReadiness],
    };
  }
}
