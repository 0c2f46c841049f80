import { type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { RequestContext, type Role, createHttpAdapter, newId } from '@platform/common';
import { type RequestPattern, ServiceClient } from '@platform/contracts';
import { type TestDatabase, createTestDatabase, testServers, uniqueTestToken } from '@platform/testing';
import { connect } from 'nats';
import { DataSource } from 'typeorm';
import { loadCourseConfig } from '../../src/config';
import { CourseModule } from '../../src/course.module';
import { UserProfilesService } from '../../src/users/user-profiles.service';

export interface TestUser {
  userId: string;
  roles: Role[];
  name: string;
}

/**
 * The course service as it runs, on its own fresh database and its own NATS subject prefix,
 * called through ServiceClient over real NATS the way the gateway calls it.
 */
export class CourseTestApp {
  private constructor(
    readonly app: INestApplication,
    readonly database: TestDatabase,
    readonly client: ServiceClient,
    readonly dataSource: DataSource,
    private readonly eventStreams: string[],
  ) {}

  static async start(label: string, env: NodeJS.ProcessEnv = {}): Promise<CourseTestApp> {
    const database = await createTestDatabase(label);
    const config = loadCourseConfig({
      COURSE_DATABASE_URL: database.url,
      NATS_URL: testServers.natsUrl(),
      LOG_LEVEL: 'silent',
      SEAT_HOLD_SWEEP_INTERVAL_MS: '0',
      ...env,
    });
    const token = uniqueTestToken(label);
    // Its own event stream, so an outbox relay never publishes test events where others read.
    const events = {
      streamName: `EV_${token}`,
      subjectPrefix: `ev_${token}`,
      deadLetterStreamName: `DLQ_${token}`,
    };
    const moduleRef = await Test.createTestingModule({
      imports: [CourseModule.forRoot(config, { subjectPrefix: `${token}.`, events })],
    }).compile();
    // TEST_LOG=debug shows the service's logs (setup-file picks the levels).
    const app = moduleRef.createNestApplication(
      createHttpAdapter(),
      process.env.TEST_LOG ? {} : { logger: false },
    );
    await app.init();
    return new CourseTestApp(app, database, app.get(ServiceClient), app.get(DataSource), [
      events.streamName,
      events.deadLetterStreamName,
    ]);
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.database.drop();
    await removeStreams(this.eventStreams);
  }

  get<T>(type: new (...args: never[]) => T): T {
    return this.app.get(type);
  }

  /** A user known to the projection, as identity's UserRegistered event would make it. */
  async user(name: string, ...roles: Role[]): Promise<TestUser> {
    const user: TestUser = { userId: newId(), roles: roles.length > 0 ? roles : ['student'], name };
    await this.get(UserProfilesService).applyProfile(
      { userId: user.userId, name, avatarUrl: null, headline: null },
      new Date(),
    );
    return user;
  }

  /** Sends a request as `user` (or anonymously) over NATS, as the gateway would. */
  send<Req, Res>(user: TestUser | null, pattern: RequestPattern<Req, Res>, request: Req): Promise<Res> {
    return RequestContext.run(
      { correlationId: newId(), userId: user?.userId, roles: user?.roles ?? [] },
      () => this.client.send(pattern, request, { timeoutMs: 20_000 }),
    );
  }

  /** The error a request fails with (the test fails if it succeeds). */
  async failure<Req, Res>(
    user: TestUser | null,
    pattern: RequestPattern<Req, Res>,
    request: Req,
  ): Promise<Error> {
    const outcome = await this.send(user, pattern, request).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    if (!('error' in outcome))
      throw new Error(`${pattern.subject} succeeded: ${JSON.stringify(outcome.value)}`);
    return outcome.error as Error;
  }

  /** Events written to the outbox, oldest first, optionally of one type. */
  async outbox(
    type?: string,
  ): Promise<{ type: string; aggregateId: string; data: Record<string, unknown> }[]> {
    const rows = await this.dataSource.query<
      { type: string; aggregate_id: string; envelope: { data: Record<string, unknown> } }[]
    >(
      `SELECT type, aggregate_id, envelope FROM outbox ${type ? 'WHERE type = $1' : ''} ORDER BY sequence`,
      type ? [type] : [],
    );
    return rows.map((row) => ({ type: row.type, aggregateId: row.aggregate_id, data: row.envelope.data }));
  }
}

/** Deletes the file's event streams, if the event runtime created them. */
async function removeStreams(streams: string[]): Promise<void> {
  const connection = await connect({ servers: testServers.natsUrl(), name: 'course-test-cleanup' });
  try {
    const jsm = await connection.jetstreamManager();
    for (const stream of streams) await jsm.streams.delete(stream).catch(() => false);
  } finally {
    await connection.close();
  }
}
