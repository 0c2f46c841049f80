import {
  type DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { ReadinessRegistry } from '@platform/common';
import { Redis } from 'ioredis';
import { RateLimitGuard } from './rate-limit.guard';
import { RATE_LIMIT_OPTIONS, type RateLimitOptions } from './rate-limit.options';
import { RedisRateLimiter } from './redis-rate-limiter';

const RATE_LIMIT_REDIS = Symbol('RATE_LIMIT_REDIS');
const CONNECT_WAIT_MS = 2_000;

/**
 * Commands fail at once while Redis is away (no offline queue, one attempt, a short
 * timeout), so a request waits milliseconds, not seconds, before failing open; the client
 * keeps reconnecting in the background.
 */
function createRedis(options: RateLimitOptions): Redis {
  const redis = new Redis(options.redisUrl, {
    lazyConnect: !options.enabled,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 500,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // Failures surface through the limiter's warnings and the readiness check.
  redis.on('error', () => undefined);
  return redis;
}

@Injectable()
class RateLimitRedisLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');

  constructor(
    @Inject(RATE_LIMIT_REDIS) private readonly redis: Redis,
    @Inject(RATE_LIMIT_OPTIONS) private readonly options: RateLimitOptions,
    private readonly readiness: ReadinessRegistry,
  ) {}

  /** Waits briefly for the first connection, so the first requests are counted; starts anyway without it. */
  async onModuleInit(): Promise<void> {
    if (!this.options.enabled) return;
    this.readiness.register({
      name: 'redis',
      critical: false, // rate limits fail open: the API serves without Redis
      check: async () => {
        await this.redis.ping();
      },
    });
    if (this.redis.status === 'ready') return;
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), CONNECT_WAIT_MS);
      this.redis.once('ready', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!ready) this.logger.warn('Redis is not reachable yet: rate limits are not enforced until it is');
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }
}

/** Redis-backed rate limits for the gateway's routes; the guard is applied by the gateway module. */
@Module({})
export class RateLimitModule {
  static forRoot(options: RateLimitOptions): DynamicModule {
    return {
      module: RateLimitModule,
      providers: [
        { provide: RATE_LIMIT_OPTIONS, useValue: options },
        { provide: RATE_LIMIT_REDIS, useFactory: () => createRedis(options) },
        {
          provide: RedisRateLimiter,
          inject: [RATE_LIMIT_REDIS],
          useFactory: (redis: Redis) => new RedisRateLimiter(redis, options.keyPrefix),
        },
        RateLimitRedisLifecycle,
        RateLimitGuard,
      ],
      exports: [RateLimitGuard],
    };
  }
}
