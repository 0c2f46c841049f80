import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import {
  type AppError,
  InFlightTracker,
  InjectNats,
  InternalError,
  RequestContext,
  SERVICE_NAME,
  ValidationError,
  histogram,
  isAppError,
} from '@platform/common';
import { type Msg, type NatsConnection, type Subscription } from 'nats';
import { validateDto } from '../validation/validate-dto';
import { contextFromHeaders } from './message-headers';
import { decodeJson, encodeJson } from './reply-envelope';
import { REQUEST_HANDLER_METADATA } from './request-handler.decorator';
import { type RequestPattern } from './request-pattern';
import { REQUEST_REPLY_OPTIONS, type RequestReplyOptions } from './request-reply.options';
import { systemPingPattern } from './system-ping';

const serverLatency = histogram(
  'rpc_server_duration_seconds',
  'Request/reply calls as handled by the service',
  ['subject', 'code'],
);

type Handler = (request: unknown) => unknown;

interface Route {
  pattern: RequestPattern<unknown, unknown>;
  handler: Handler;
}

/**
 * Answers the service's request/reply patterns. Handlers are found by their
 * @RequestHandler() decorator; each subject is subscribed in the queue group named after
 * the service, so replicas share the load and a request is answered once.
 */
@Injectable()
export class RequestListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RequestListener.name);
  private readonly inFlight = new InFlightTracker();
  private subscriptions: Subscription[] = [];

  constructor(
    @InjectNats() private readonly nats: NatsConnection,
    @Inject(SERVICE_NAME) private readonly service: string,
    @Inject(REQUEST_REPLY_OPTIONS) private readonly options: RequestReplyOptions,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onApplicationBootstrap(): void {
    const routes = this.discoverRoutes();
    for (const route of routes) {
      const subject = `${this.options.subjectPrefix ?? ''}${route.pattern.subject}`;
      this.subscriptions.push(
        this.nats.subscribe(subject, {
          queue: this.service,
          callback: (error, message) => {
            if (error) {
              this.logger.error(`Subscription to ${subject} failed: ${error.message}`);
              return;
            }
            void this.inFlight.track(() => this.answer(route, message));
          },
        }),
      );
    }
    this.logger.log(`Answering ${routes.length} request patterns as queue group "${this.service}"`);
  }

  /** Stop taking requests, then let those in progress finish (bounded) before pools close. */
  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.drain().catch(() => undefined)));
    this.subscriptions = [];
    const drained = await this.inFlight.drain(this.options.shutdownGraceMs ?? 10_000);
    if (!drained) this.logger.warn(`Stopped with ${this.inFlight.size} requests still running`);
  }

  private discoverRoutes(): Route[] {
    const routes: Route[] = [];
    const seen = new Map<string, string>();
    const ping = systemPingPattern(this.service);
    if (ping) {
      routes.push({ pattern: ping, handler: () => ({ service: this.service }) });
      seen.set(ping.subject, 'RequestListener (system ping)');
    }
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const handler = instance[method];
        if (typeof handler !== 'function') continue;
        const pattern = Reflect.getMetadata(REQUEST_HANDLER_METADATA, handler) as
          RequestPattern<unknown, unknown> | undefined;
        if (!pattern) continue;
        const owner = `${wrapper.name}.${method}`;
        const previous = seen.get(pattern.subject);
        if (previous) throw new Error(`${pattern.subject} is handled twice: ${previous} and ${owner}`);
        seen.set(pattern.subject, owner);
        routes.push({ pattern, handler: (request) => (handler as Handler).call(instance, request) });
      }
    }
    return routes;
  }

  private async answer(route: Route, message: Msg): Promise<void> {
    const stopTimer = serverLatency.startTimer({ subject: route.pattern.subject });
    const context = contextFromHeaders(message.headers);
    await RequestContext.run(context, async () => {
      let reply: unknown;
      try {
        const request = await this.decode(route.pattern, message.data);
        reply = { data: (await route.handler(request)) ?? null };
        stopTimer({ code: 'OK' });
      } catch (error) {
        const appError = this.toAppError(error, route.pattern.subject);
        reply = { error: appError.toJSON() };
        stopTimer({ code: appError.code });
      }
      if (message.reply) message.respond(encodeJson(reply));
    });
  }

  private async decode(pattern: RequestPattern<unknown, unknown>, bytes: Uint8Array): Promise<unknown> {
    let body: unknown;
    try {
      body = decodeJson(bytes);
    } catch {
      throw new ValidationError('The request is not valid JSON');
    }
    const data = (body as { data?: unknown } | null)?.data;
    return pattern.request ? validateDto(pattern.request, data) : data;
  }

  /** An AppError is the handler's answer; anything else is a bug: logged whole, answered as INTERNAL. */
  private toAppError(error: unknown, subject: string): AppError {
    if (isAppError(error)) return error;
    this.logger.error(
      `Unexpected error answering ${subject}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return new InternalError('Internal error');
  }
}
