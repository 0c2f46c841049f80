import { RequestContext, type Role, newId } from '@platform/common';
import {
  CoursePatterns,
  type CourseDetailView,
  type EnrollmentView,
  type RequestPattern,
  ServiceClient,
} from '@platform/contracts';
import { testServers } from '@platform/testing';
import { type NatsConnection, connect } from 'nats';
import { type Account } from '../../support/accounts';

export interface CourseSpec {
  title?: string;
  priceCents: number;
  currency?: string;
  capacity?: number | null;
}

/**
 * Drives the course service for the commerce tests, as the gateway would: over NATS
 * request/reply in the caller's request context, with the identity of an account that
 * signed in through the gateway. The commerce routes under test all go through HTTP; the
 * course routes are the course engineer's gateway module (a parallel branch), so the
 * setup of courses and the learner's view of enrollments take this path until it merges.
 */
export class CourseDriver {
  private constructor(
    private readonly nats: NatsConnection,
    private readonly client: ServiceClient,
  ) {}

  static async connect(subjectPrefix: string): Promise<CourseDriver> {
    const nats = await connect({ servers: testServers.natsUrl(), name: 'e2e-course-driver' });
    const client = new ServiceClient(nats, { subjectPrefix, defaultTimeoutMs: 10_000 });
    return new CourseDriver(nats, client);
  }

  async close(): Promise<void> {
    await this.nats.close();
  }

  send<Req, Res>(account: Account, pattern: RequestPattern<Req, Res>, request: Req): Promise<Res> {
    const roles = rolesOf(account);
    return RequestContext.run({ correlationId: newId(), userId: account.id, roles }, () =>
      this.client.send(pattern, request),
    );
  }

  /** A published course with one published lesson, owned by `instructor`. */
  async publishedCourse(instructor: Account, spec: CourseSpec): Promise<CourseDetailView> {
    const course = await this.send(instructor, CoursePatterns.createCourse, {
      title: spec.title ?? 'Distributed systems without tears',
      level: 'beginner',
      priceCents: spec.priceCents,
      currency: spec.currency ?? 'EUR',
      capacity: spec.capacity ?? null,
    });
    const module = await this.send(instructor, CoursePatterns.createModule, {
      courseId: course.id,
      title: 'Foundations',
    });
    await this.send(instructor, CoursePatterns.createLesson, {
      moduleId: module.id,
      title: 'Why money is hard',
      type: 'article',
      content: 'Exactly once is a lie; idempotency is the truth.',
      isPublished: true,
    });
    return this.send(instructor, CoursePatterns.publishCourse, { courseId: course.id });
  }

  async setPrice(instructor: Account, courseId: string, priceCents: number): Promise<CourseDetailView> {
    const current = await this.send(instructor, CoursePatterns.getCourse, { courseId });
    return this.send(instructor, CoursePatterns.updateCourse, {
      courseId,
      priceCents,
      version: current.version,
    });
  }

  course(account: Account, courseId: string): Promise<CourseDetailView> {
    return this.send(account, CoursePatterns.getCourse, { courseId });
  }

  /** Self-enrollment in a free course (`POST /courses/:id/enrollments`). */
  enroll(student: Account, courseId: string): Promise<EnrollmentView> {
    return this.send(student, CoursePatterns.enroll, { courseId });
  }

  /** The learner's enrollments in one course (`GET /users/me/enrollments`, filtered here). */
  async enrollmentsIn(student: Account, courseId: string): Promise<EnrollmentView[]> {
    const page = await this.send(student, CoursePatterns.listMyEnrollments, { limit: 100, offset: 0 });
    return page.items.filter((enrollment) => enrollment.courseId === courseId);
  }
}

/** The roles an account's access token carries (registered accounts: the role they chose). */
function rolesOf(account: Account): Role[] {
  const [, payload] = account.accessToken.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { roles?: Role[] };
  return claims.roles ?? [];
}
