import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ConflictError,
  InternalError,
  NatsModule,
  PlatformModule,
  RequestContext,
  TimeoutError,
  UnavailableError,
  ValidationError,
  createHttpAdapter,
} from '@platform/common';
import {
  RequestHandler,
  RequestReplyModule,
  ServiceClient,
  definePattern,
  systemPingPattern,
} from '@platform/contracts';
import { testServers } from '@platform/testing';

class EnrollRequest {
  @IsString()
  courseId!: string;

  @IsInt()
  @Min(1)
  @Max(10)
  seats!: number;
}

interface EnrollReply {
  courseId: string;
  seats: number;
  userId?: string;
  roles: readonly string[];
  correlationId?: string;
}

const enroll = definePattern<EnrollRequest, EnrollReply>('course.enrollments.create', EnrollRequest);
const slow = definePattern<{ ms: number }, { slept: number }>('course.test.slow');
const broken = definePattern<Record<string, never>, never>('course.test.broken');
const nobody = definePattern<Record<string, never>, never>('ghost.things.get');

@Injectable()
class EnrollmentHandlers {
  calls = 0;

  @RequestHandler(enroll)
  enroll(request: EnrollRequest): EnrollReply {
    this.calls += 1;
    if (request.courseId === 'full') throw new ConflictError('Course is full', { code: 'COURSE_FULL' });
    const context = RequestContext.current();
    return {
      ...request,
      userId: context?.userId,
      roles: context?.roles ?? [],
      correlationId: context?.correlationId,
    };
  }

  @RequestHandler(slow)
  async slow(request: { ms: number }): Promise<{ slept: number }> {
    await sleep(request.ms);
    return { slept: request.ms };
  }

  @RequestHandler(broken)
  broken(): never {
    throw new TypeError("Cannot read properties of undefined (reading 'password')");
  }
}

const subjectPrefix = `t${Date.now().toString(36)}.`;

async function startService(): Promise<INestApplication> {
  @Module({
    imports: [
      PlatformModule.forRoot({ service: 'course', logLevel: 'silent' }),
      NatsModule.forRoot({ url: testServers.natsUrl(), name: 'course-test' }),
      RequestReplyModule.forService({ subjectPrefix, shutdownGraceMs: 5_000 }),
    ],
    providers: [EnrollmentHandlers],
  })
  class CourseTestModule {}
  const moduleRef = await Test.createTestingModule({ imports: [CourseTestModule] }).compile();
  const app = moduleRef.createNestApplication(createHttpAdapter(), { logger: false });
  await app.init();
  return app;
}

let serviceA: INestApplication;
let serviceB: INestApplication;
let caller: INestApplication;
let client: ServiceClient;

beforeAll(async () => {
  [serviceA, serviceB] = await Promise.all([startService(), startService()]);
  @Module({
    imports: [
      PlatformModule.forRoot({ service: 'gateway', logLevel: 'silent' }),
      NatsModule.forRoot({ url: testServers.natsUrl(), name: 'gateway-test' }),
      RequestReplyModule.forClient({ subjectPrefix, defaultTimeoutMs: 2_000 }),
    ],
  })
  class CallerModule {}
  const moduleRef = await Test.createTestingModule({ imports: [CallerModule] }).compile();
  caller = moduleRef.createNestApplication(createHttpAdapter(), { logger: false });
  await caller.init();
  client = caller.get(ServiceClient);
});

afterAll(async () => {
  await Promise.all([serviceA?.close(), serviceB?.close(), caller?.close()]);
});

const asUser = <T>(fn: () => Promise<T>): Promise<T> =>
  RequestContext.run(
    { correlationId: 'corr-42', userId: '01890000-0000-7000-8000-0000000000aa', roles: ['student'] },
    fn,
  );

describe('request/reply', () => {
  it('carries the request, the caller identity and the correlation id', async () => {
    const reply = await asUser(() => client.send(enroll, { courseId: 'c1', seats: 2 }));
    expect(reply).toEqual({
      courseId: 'c1',
      seats: 2,
      userId: '01890000-0000-7000-8000-0000000000aa',
      roles: ['student'],
      correlationId: 'corr-42',
    });
  });

  it('validates the request on the service side, naming each bad field', async () => {
    const error = await client
      .send(enroll, { courseId: 7, seats: 99, admin: true } as unknown as EnrollRequest)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const fields = ((error as ValidationError).details as { field: string }[]).map((d) => d.field).sort();
    expect(fields).toEqual(['admin', 'courseId', 'seats']);
  });

  it('rebuilds a typed error with its specialised code', async () => {
    const error = await client.send(enroll, { courseId: 'full', seats: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'COURSE_FULL', message: 'Course is full' });
  });

  it('answers an unexpected error as INTERNAL without its message', async () => {
    const error = await client.send(broken, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalError);
    expect((error as InternalError).message).toBe('Internal error');
  });

  it('times out a slow service as TIMEOUT', async () => {
    const error = await client.send(slow, { ms: 1_000 }, { timeoutMs: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: 'TIMEOUT' });
  });

  it('reports a subject with no service listening as UNAVAILABLE', async () => {
    const error = await client.send(nobody, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', details: { service: 'ghost' } });
  });

  it('answers its system ping without a handler of its own (readiness checks use it)', async () => {
    const ping = systemPingPattern('course');
    expect(ping?.subject).toBe('course.system.ping');
    await expect(client.send(ping!, {})).resolves.toEqual({ service: 'course' });
    expect(systemPingPattern('not-a-subject-token')).toBeUndefined();
  });

  it('shares requests among replicas: each is answered exactly once', async () => {
    const a = serviceA.get(EnrollmentHandlers);
    const b = serviceB.get(EnrollmentHandlers);
    const before = a.calls + b.calls;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => client.send(enroll, { courseId: `c${i}`, seats: 1 })),
    );
    expect(a.calls + b.calls - before).toBe(40);
    expect(a.calls).toBeGreaterThan(0);
    expect(b.calls).toBeGreaterThan(0);
  });

  it('a stopping service finishes the request it is working on', async () => {
    const extra = await startService();
    const stopA = serviceA;
    await serviceB.close();
    // Only `extra` and serviceA answer now; send enough slow requests that both hold some.
    const pending = Promise.all(Array.from({ length: 6 }, () => client.send(slow, { ms: 300 })));
    await sleep(50);
    await Promise.all([stopA.close(), extra.close()]);
    await expect(pending).resolves.toHaveLength(6);
    serviceA = await startService();
    serviceB = await startService();
  });
});
