import { newId } from '@platform/common';
import { CoursePatterns } from '@platform/contracts';
import { type EventEnvelope, UserDeleted, UserRegistered, UserUpdated } from '@platform/events';
import { UserProfilesHandlers } from '../src/users/user-profiles.handlers';
import { CourseTestApp, type TestUser } from './support/course-test-app';
import { publishedCourse } from './support/fixtures';

let app: CourseTestApp;
let handlers: UserProfilesHandlers;

beforeAll(async () => {
  app = await CourseTestApp.start('user_profiles');
  handlers = app.get(UserProfilesHandlers);
});

afterAll(() => app.close());

/** An envelope as identity's relay would deliver it. */
function envelope<D>(type: string, userId: string, data: D, occurredAt: Date): EventEnvelope<D> {
  return {
    id: newId(),
    type,
    version: 1,
    occurredAt: occurredAt.toISOString(),
    source: 'identity',
    aggregateId: userId,
    correlationId: newId(),
    data,
  };
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

function registered(userId: string, name: string, at: Date) {
  return envelope(
    UserRegistered.type,
    userId,
    {
      userId,
      name,
      email: 'x@example.com',
      roles: ['instructor' as const],
      avatarUrl: null,
      headline: null,
      locale: null,
    },
    at,
  );
}

function updated(userId: string, name: string, at: Date) {
  return envelope(
    UserUpdated.type,
    userId,
    {
      userId,
      name,
      avatarUrl: null,
      headline: 'Teacher',
      status: 'active' as const,
      changedFields: ['name'],
    },
    at,
  );
}

const instructorName = async (courseId: string) =>
  (await app.send(null, CoursePatterns.getCourse, { courseId })).instructor.name;

describe('instructor names from identity events', () => {
  it('a rename in identity reaches the course page; a deleted instructor keeps the name they had', async () => {
    const userId = newId();
    await handlers.onRegistered(registered(userId, 'Kathleen Booth', minutesAgo(10)));
    const instructor: TestUser = { userId, roles: ['instructor'], name: 'Kathleen Booth' };
    const { course } = await publishedCourse(app, instructor);
    expect(await instructorName(course.id)).toBe('Kathleen Booth');

    await handlers.onUpdated(updated(userId, 'Kathleen Britten Booth', minutesAgo(5)));
    expect(await instructorName(course.id)).toBe('Kathleen Britten Booth');

    await handlers.onDeleted(envelope(UserDeleted.type, userId, { userId }, minutesAgo(1)));
    expect(await instructorName(course.id)).toBe('Kathleen Britten Booth');
    const [row] = await app.dataSource.query<{ account_deleted_at: Date | null }[]>(
      'SELECT account_deleted_at FROM user_profiles WHERE user_id = $1',
      [userId],
    );
    expect(row.account_deleted_at).not.toBeNull();
    const search = await app.send(null, CoursePatterns.searchCourses, { q: 'PostgreSQL' });
    expect(search.items.find((c) => c.id === course.id)?.instructor.name).toBe('Kathleen Britten Booth');
  });

  it('converges on the newest profile whatever order the events arrive in, and ignores repeats', async () => {
    const userId = newId();
    const rename = updated(userId, 'Newest Name', minutesAgo(1));
    await handlers.onUpdated(rename);
    await handlers.onRegistered(registered(userId, 'Original Name', minutesAgo(30)));
    await handlers.onUpdated(updated(userId, 'Older Rename', minutesAgo(10)));
    await handlers.onUpdated(rename);
    const [row] = await app.dataSource.query<{ name: string; headline: string }[]>(
      'SELECT name, headline FROM user_profiles WHERE user_id = $1',
      [userId],
    );
    expect(row).toEqual({ name: 'Newest Name', headline: 'Teacher' });
  });

  it('keeps a name when the deletion arrives before a late update', async () => {
    const userId = newId();
    await handlers.onRegistered(registered(userId, 'Kept Name', minutesAgo(20)));
    await handlers.onDeleted(envelope(UserDeleted.type, userId, { userId }, minutesAgo(5)));
    await handlers.onUpdated(updated(userId, 'Anonymised', minutesAgo(1)));
    const [row] = await app.dataSource.query<
      {
        name: string;
      }[]
    >('SELECT name FROM user_profiles WHERE user_id = $1', [userId]);
    expect(row.name).toBe('Kept Name');
  });

  it('still applies the profile events older than a deletion that overtook them', async () => {
    const userId = newId();
    await handlers.onDeleted(envelope(UserDeleted.type, userId, { userId }, minutesAgo(1)));
    await handlers.onUpdated(updated(userId, 'Renamed Before Leaving', minutesAgo(5)));
    await handlers.onRegistered(registered(userId, 'First Name', minutesAgo(20)));
    const [row] = await app.dataSource.query<{ name: string; account_deleted_at: Date | null }[]>(
      'SELECT name, account_deleted_at FROM user_profiles WHERE user_id = $1',
      [userId],
    );
    expect(row.name).toBe('Renamed Before Leaving');
    expect(row.account_deleted_at).not.toBeNull();
  });
});
