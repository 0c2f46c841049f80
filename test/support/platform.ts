import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  type TestDatabase,
  type TestEventStreams,
  createTestDatabase,
  deleteRedisKeys,
  testEventStreams,
  testServers,
  uniqueTestToken,
} from '@platform/testing';
import { loadGatewayConfig } from '../../apps/gateway/src/config';
import { createGatewayApp } from '../../apps/gateway/src/gateway-app';
import { type HttpRequest, httpClient } from './http-client';
import { type ServiceName, ServiceProcess } from './service-process';

export const ADMIN = { email: 'admin@e2e.test', password: 'admin-password-e2e' };

export interface PlatformOptions {
  label: string;
  services: ServiceName[];
  /** Extra environment for every service process (e.g. short lockouts). */
  env?: Record<string, string>;
  /** Extra environment for the gateway. */
  gatewayEnv?: Record<string, string>;
}

/** Settings that make a service quick and quiet under test, per service. */
const SERVICE_TEST_ENV: Record<ServiceName, Record<string, string>> = {
  identity: {
    ARGON2_MEMORY_KIB: '1024',
    ARGON2_TIME_COST: '1',
    ACCOUNT_MAIL_COOLDOWN_SECONDS: '0',
    IDENTITY_ADMIN_EMAIL: ADMIN.email,
    IDENTITY_ADMIN_PASSWORD: ADMIN.password,
  },
  course: {},
  commerce: { COMMERCE_JOBS_INTERVAL_MS: '500' },
};

/**
 * The platform for end-to-end tests: each service a real process on its own fresh database,
 * the real gateway on port 0, all of them in one namespace of their own on the shared NATS
 * (request subjects and event streams), so test files run in parallel.
 */
export class E2EPlatform {
  private constructor(
    readonly http: HttpRequest,
    readonly baseUrl: string,
    private readonly gateway: NestFastifyApplication,
    private readonly services: Map<ServiceName, ServiceProcess>,
    readonly databases: Map<ServiceName, TestDatabase>,
    /** This platform's event streams (names and subject prefixes), e.g. to read them in a test. */
    readonly streams: TestEventStreams,
    private readonly rateLimitPrefix: string,
    /** The namespace of request subjects (for tests that call a service over NATS directly). */
    readonly subjectPrefix: string,
  ) {}

  static async start(options: PlatformOptions): Promise<E2EPlatform> {
    const token = uniqueTestToken(options.label);
    const subjectPrefix = `${token}.`;
    const streams = testEventStreams(options.label);
    const namespace = {
      NATS_URL: testServers.natsUrl(),
      POSTGRES_URL: testServers.postgresUrl(),
      NATS_SUBJECT_PREFIX: subjectPrefix,
      EVENTS_STREAM: streams.options.streamName,
      EVENTS_SUBJECT_PREFIX: streams.options.subjectPrefix,
      DLQ_STREAM: streams.options.deadLetterStreamName,
      DLQ_SUBJECT_PREFIX: streams.options.deadLetterSubjectPrefix,
    };
    const databases = new Map<ServiceName, TestDatabase>();
    const services = new Map<ServiceName, ServiceProcess>();
    for (const name of options.services) {
      const database = await createTestDatabase(`${options.label}_${name}`);
      databases.set(name, database);
      const env = {
        ...namespace,
        NODE_ENV: 'test',
        LOG_LEVEL: process.env.E2E_SERVICE_LOG_LEVEL ?? 'warn',
        PORT: '0',
        [`${name.toUpperCase()}_DATABASE_URL`]: database.url,
        ...SERVICE_TEST_ENV[name],
        ...options.env,
      };
      services.set(name, new ServiceProcess(name, env, namespace.NATS_URL, subjectPrefix));
    }
    await Promise.all([...services.values()].map((service) => service.start()));

    const rateLimitPrefix = `test:${token}:`;
    const gateway = await createGatewayApp(
      loadGatewayConfig({
        ...namespace,
        REDIS_URL: testServers.redisUrl(),
        LOG_LEVEL: 'silent',
        RATE_LIMIT_KEY_PREFIX: rateLimitPrefix,
        ...options.gatewayEnv,
      }),
      { subjectPrefix },
    );
    await gateway.listen(0, '127.0.0.1');
    const address = gateway.getHttpServer().address();
    if (typeof address !== 'object' || address === null) throw new Error('gateway is not listening');
    const baseUrl = `http://127.0.0.1:${address.port}`;
    return new E2EPlatform(
      httpClient(baseUrl),
      baseUrl,
      gateway,
      services,
      databases,
      streams,
      rateLimitPrefix,
      subjectPrefix,
    );
  }

  service(name: ServiceName): ServiceProcess {
    const service = this.services.get(name);
    if (!service) throw new Error(`${name} is not part of this platform`);
    return service;
  }

  async close(): Promise<void> {
    await this.gateway.close();
    await Promise.all([...this.services.values()].map((service) => service.stop('SIGTERM')));
    await Promise.all([...this.databases.values()].map((database) => database.drop()));
    await this.streams.remove();
    await deleteRedisKeys(testServers.redisUrl(), this.rateLimitPrefix);
  }
}
