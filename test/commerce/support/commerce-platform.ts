import { type Account, registerAccount, signInAdmin } from '../../support/accounts';
import { type HttpRequest } from '../../support/http-client';
import { E2EPlatform } from '../../support/platform';
import { type ServiceName } from '../../support/service-process';
import { CourseDriver } from './course-driver';
import { ServiceDatabase } from './database';
import { Shop } from './shop';
import { WebhookIngress } from './webhook-ingress';

export interface CommerceE2EOptions {
  label: string;
  /** identity and commerce always run; course when the file buys courses. */
  withCourse?: boolean;
  /** Let the test processor post its webhooks through the gateway. */
  withWebhooks?: boolean;
  /** Extra environment for the services (e.g. a short ORDER_TTL_SECONDS). */
  env?: Record<string, string>;
}

/**
 * The platform a commerce end-to-end file runs on: identity, commerce (and course) as real
 * processes, the real gateway, and the clients the tests use. Rate limits stay on, but with
 * budgets a hundred buyers registering from one test process fit in; their own tests live
 * with the gateway.
 */
export class CommerceE2E {
  private constructor(
    readonly platform: E2EPlatform,
    readonly shop: Shop,
    readonly admin: Account,
    readonly commerceDb: ServiceDatabase,
    private readonly courseDatabase: ServiceDatabase | undefined,
    private readonly courseDriver: CourseDriver | undefined,
    readonly ingress: WebhookIngress | undefined,
  ) {}

  static async start(options: CommerceE2EOptions): Promise<CommerceE2E> {
    const ingress = options.withWebhooks ? await WebhookIngress.start() : undefined;
    const services: ServiceName[] = options.withCourse
      ? ['identity', 'course', 'commerce']
      : ['identity', 'commerce'];
    const platform = await E2EPlatform.start({
      label: options.label,
      services,
      env: {
        ...(ingress ? { TEST_PAYMENT_PROCESSOR_WEBHOOK_URL: ingress.webhookUrl() } : {}),
        ...options.env,
      },
      gatewayEnv: { RATE_LIMIT_AUTH_MAX: '100000', RATE_LIMIT_USER_MAX: '100000' },
    });
    ingress?.forwardTo(platform.baseUrl);
    const commerceDb = await ServiceDatabase.open(platform, 'commerce');
    const courseDb = options.withCourse ? await ServiceDatabase.open(platform, 'course') : undefined;
    const courses = options.withCourse ? await CourseDriver.connect(platform.subjectPrefix) : undefined;
    const admin = await signInAdmin(platform.http);
    return new CommerceE2E(platform, new Shop(platform.http), admin, commerceDb, courseDb, courses, ingress);
  }

  get http(): HttpRequest {
    return this.platform.http;
  }

  get courses(): CourseDriver {
    if (!this.courseDriver) throw new Error('start with { withCourse: true }');
    return this.courseDriver;
  }

  get courseDb(): ServiceDatabase {
    if (!this.courseDatabase) throw new Error('start with { withCourse: true }');
    return this.courseDatabase;
  }

  /** `count` fresh accounts, registered through the gateway a few at a time. */
  async accounts(count: number, role: 'student' | 'instructor' = 'student'): Promise<Account[]> {
    const accounts: Account[] = [];
    for (let i = 0; i < count; i += 10) {
      const batch = Math.min(10, count - i);
      accounts.push(
        ...(await Promise.all(Array.from({ length: batch }, () => registerAccount(this.http, role)))),
      );
    }
    return accounts;
  }

  async close(): Promise<void> {
    await this.courseDriver?.close();
    await this.commerceDb.close();
    await this.courseDatabase?.close();
    await this.platform.close();
    await this.ingress?.close();
  }
}
