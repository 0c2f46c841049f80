import { Inject, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { SERVICE_NAME } from '@platform/common';
import { subjectForType } from '../envelope/event-envelope';
import { type EventEnvelope } from '../envelope/event-envelope';
import { type ResolvedEventsOptions } from '../events.options';
import { EVENTS_OPTIONS } from '../events.tokens';
import { EVENT_HANDLER_METADATA, type EventHandlerMetadata } from './event-handler.decorator';
import { type HandlerRoute } from './event-consumer';

type HandlerMethod = (envelope: EventEnvelope) => unknown;

/**
 * Finds this service's @EventHandler() methods (as RequestListener finds request handlers)
 * and turns each into a route: its durable consumer name, limits and sibling versions.
 */
@Injectable()
export class EventHandlerDiscovery {
  private readonly logger = new Logger(EventHandlerDiscovery.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    @Inject(SERVICE_NAME) private readonly service: string,
    @Inject(EVENTS_OPTIONS) private readonly options: ResolvedEventsOptions,
  ) {}

  routes(): HandlerRoute[] {
    const found: Array<EventHandlerMetadata & { owner: string; handle: HandlerRoute['handle'] }> = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const handler = instance[method];
        if (typeof handler !== 'function') continue;
        const metadata = Reflect.getMetadata(EVENT_HANDLER_METADATA, handler) as
          EventHandlerMetadata | undefined;
        if (!metadata) continue;
        const owner = `${wrapper.name}.${method}`;
        if (!wrapper.isDependencyTreeStatic()) {
          throw new Error(
            `${owner}: @EventHandler needs a singleton provider (not request- or transient-scoped)`,
          );
        }
        found.push({
          ...metadata,
          owner,
          handle: async (envelope) => {
            await (handler as HandlerMethod).call(instance, envelope);
          },
        });
      }
    }
    const routes = found.map((entry) => this.toRoute(entry, found));
    const byDurable = new Map<string, string>();
    for (const route of routes) {
      const previous = byDurable.get(route.durable);
      if (previous)
        throw new Error(`Consumer ${route.durable} is declared twice: ${previous} and ${route.owner}`);
      byDurable.set(route.durable, route.owner);
    }
    this.logger.log(`Found ${routes.length} event handlers`);
    return routes;
  }

  filterSubject(route: HandlerRoute): string {
    return subjectForType(route.definition.type, this.options.subjectPrefix);
  }

  private toRoute(
    entry: EventHandlerMetadata & { owner: string; handle: HandlerRoute['handle'] },
    all: readonly EventHandlerMetadata[],
  ): HandlerRoute {
    const { definition, options } = entry;
    const siblingVersions = new Set(
      all
        .filter(
          (other) =>
            other.definition.type === definition.type && other.definition.version !== definition.version,
        )
        .map((other) => other.definition.version),
    );
    return {
      definition,
      durable: `${this.service}-${options.consumer}`,
      owner: entry.owner,
      maxDeliveries: options.maxDeliveries ?? this.options.consumers.maxDeliveries,
      maxInFlight: options.maxInFlight ?? this.options.consumers.maxInFlight,
      startFrom: options.startFrom ?? 'all',
      siblingVersions,
      handle: entry.handle,
    };
  }
}
