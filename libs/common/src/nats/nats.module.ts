import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
  Optional,
} from '@nestjs/common';
import { Events, type NatsConnection, connect } from 'nats';
import { ReadinessRegistry } from '../health/readiness';

export interface NatsModuleOptions {
  url: string;
  /** Shown by the NATS server's monitoring, so an operator can tell the clients apart. */
  name: string;
}

export const NATS_CONNECTION = Symbol('NATS_CONNECTION');

/** Injects the process's NATS connection (an interface, hence a token). */
export const InjectNats = (): ParameterDecorator => Inject(NATS_CONNECTION);

/** Connects, retrying forever: a service may start before NATS and must survive its restarts. */
export async function connectNats(options: NatsModuleOptions): Promise<NatsConnection> {
  const logger = new Logger('Nats');
  const connection = await connect({
    servers: options.url,
    name: options.name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1_000,
    waitOnFirstConnect: true,
    pingInterval: 10_000,
  });
  void (async () => {
    for await (const status of connection.status()) {
      if (status.type === Events.Disconnect || status.type === Events.Reconnect) {
        logger.warn(`NATS ${status.type} (${JSON.stringify(status.data)})`);
      }
    }
  })();
  return connection;
}

@Injectable()
class NatsLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @InjectNats() private readonly connection: NatsConnection,
    @Optional() private readonly readiness?: ReadinessRegistry,
  ) {}

  onModuleInit(): void {
    this.readiness?.register({
      name: 'nats',
      check: async () => {
        if (this.connection.isClosed()) throw new Error('connection closed');
        await this.connection.flush();
      },
    });
  }

  /** Runs after the listeners stopped taking work (onModuleDestroy): deliver what is pending, then close. */
  async onApplicationShutdown(): Promise<void> {
    if (!this.connection.isClosed()) await this.connection.drain().catch(() => this.connection.close());
  }
}

/** The process's one NATS connection, shared by request/reply and JetStream. */
@Global()
@Module({})
export class NatsModule {
  static forRoot(options: NatsModuleOptions): DynamicModule {
    return {
      module: NatsModule,
      providers: [{ provide: NATS_CONNECTION, useFactory: () => connectNats(options) }, NatsLifecycle],
      exports: [NATS_CONNECTION],
    };
  }
}
