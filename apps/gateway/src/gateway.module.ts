import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE, RouterModule } from '@nestjs/core';
import { AccessTokenGuard, AccessTokenModule } from '@platform/auth';
import { NatsModule, PlatformModule } from '@platform/common';
import { RequestReplyModule } from '@platform/contracts';
import { API_MODULES, API_ROUTES, UPSTREAMS } from './api-routes';
import { type GatewayConfig, SERVICE } from './config';
import { DocsModule } from './docs/docs.module';
import { GATEWAY_CONFIG } from './gateway.tokens';
import { DtoValidationPipe } from './http/dto-validation.pipe';
import { ErrorResponseFilter } from './http/error-response.filter';
import { RequestContextInterceptor } from './http/request-context.interceptor';
import { WellKnownModule } from './identity/identity-routes.module';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { UpstreamsModule } from './upstreams/upstreams.module';

export interface GatewayModuleOverrides {
  /** Tests give each file its own NATS subjects. */
  subjectPrefix?: string;
  /** Log destination; stdout unless given (tests capture lines). */
  logDestination?: NodeJS.WritableStream;
}

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig, overrides: GatewayModuleOverrides = {}): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        PlatformModule.forRoot({
          service: SERVICE,
          logLevel: config.LOG_LEVEL,
          logDestination: overrides.logDestination,
        }),
        NatsModule.forRoot({ url: config.NATS_URL, name: SERVICE }),
        RequestReplyModule.forClient({
          subjectPrefix: overrides.subjectPrefix ?? config.NATS_SUBJECT_PREFIX,
          defaultTimeoutMs: config.SERVICE_TIMEOUT_MS,
        }),
        AccessTokenModule.forRoot({
          issuer: config.JWT_ISSUER,
          audience: config.JWT_AUDIENCE,
          clockToleranceSeconds: config.JWT_CLOCK_TOLERANCE_SECONDS,
          cacheMaxAgeMs: config.JWKS_CACHE_MAX_AGE_SECONDS * 1_000,
          unknownKidCooldownMs: config.JWKS_REFRESH_COOLDOWN_SECONDS * 1_000,
        }),
        RateLimitModule.forRoot({
          enabled: config.RATE_LIMIT_ENABLED,
          redisUrl: config.REDIS_URL,
          keyPrefix: config.RATE_LIMIT_KEY_PREFIX,
          auth: { max: config.RATE_LIMIT_AUTH_MAX, windowSeconds: config.RATE_LIMIT_AUTH_WINDOW_SECONDS },
          user: { max: config.RATE_LIMIT_USER_MAX, windowSeconds: config.RATE_LIMIT_USER_WINDOW_SECONDS },
        }),
        UpstreamsModule.forRoot(UPSTREAMS.map((upstream) => upstream.service)),
        ...API_MODULES,
        RouterModule.register(API_ROUTES),
        WellKnownModule,
        ...(config.DOCS_ENABLED ? [DocsModule] : []),
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        // Order matters: the caller is known (token verified) before requests are counted per user.
        { provide: APP_GUARD, useExisting: AccessTokenGuard },
        { provide: APP_GUARD, useExisting: RateLimitGuard },
        { provide: APP_INTERCEPTOR, useClass: RequestContextInterceptor },
        { provide: APP_PIPE, useClass: DtoValidationPipe },
        { provide: APP_FILTER, useClass: ErrorResponseFilter },
      ],
    };
  }
}
