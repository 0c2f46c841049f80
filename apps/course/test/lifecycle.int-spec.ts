import { CoursePatterns } from '@platform/contracts';
import { CourseTestApp, type TestUser } from './support/course-test-app';

let app: CourseTestApp;
let instructor: TestUser;
let student: TestUser;

beforeAll(async () => {
  app = await CourseTestApp.start('lifecycle');
  instructor = await app.user('Edsger Dijkstra', 'instructor');
  student = await app.user('Barbara Liskov', 'student');
});

afterAll(() => app.close());

it('an instructor publishes a course; a student finds it, completes it, passes the quiz and gets a certificate anyone can verify', async () => {
  // The instructor builds the course: two modules, an article, a video and a quiz with its assessment.
  const draft = await app.send(instructor, CoursePatterns.createCourse, {
    title: 'Structured Programming',
    description: 'Writing programs whose correctness can be argued',
    level: 'beginner',
    priceCents: 0,
    capacity: 100,
  });
  const basics = await app.send(instructor, CoursePatterns.createModule, {
    courseId: draft.id,
    title: 'Basics',
  });
  const practice = await app.send(instructor, CoursePatterns.createModule, {
    courseId: draft.id,
    title: 'Practice',
  });
  const article = await app.send(instructor, CoursePatterns.createLesson, {
    moduleId: basics.id,
    title: 'Go To Statement Considered Harmful',
    type: 'article',
    content: 'Structured control flow…',
    isPublished: true,
  });
  const video = await app.send(instructor, CoursePatterns.createLesson, {
    moduleId: basics.id,
    title: 'Loop invariants',
    type: 'video',
    videoUrl: 'https://cdn.example.com/invariants.m3u8',
    durationMinutes: 12,
    isPublished: true,
  });
  const quizLesson = await app.send(instructor, CoursePatterns.createLesson, {
    moduleId: practice.id,
    title: 'Check your understanding',
    type: 'quiz',
    isPublished: true,
  });
  const assessment = await app.send(instructor, CoursePatterns.createAssessment, {
    courseId: draft.id,
    lessonId: quizLesson.id,
    title: 'Invariants quiz',
    passingScorePercent: 70,
    maxAttempts: 3,
    questions: [
      {
        prompt: 'A loop invariant holds…',
        type: 'single',
        options: ['never', 'before and after each iteration'],
        correct: [1],
        points: 2,
      },
      { prompt: 'Goto is harmful', type: 'true_false', correct: [0], points: 1 },
    ],
  });
  const published = await app.send(instructor, CoursePatterns.publishCourse, { courseId: draft.id });
  expect(published.status).toBe('published');

  // The student finds it by full text and sees the outline, not the answers.
  const found = await app.send(student, CoursePatterns.searchCourses, { q: 'structured programs' });
  expect(found.items.map((c) => c.id)).toContain(draft.id);
  const outline = await app.send(student, CoursePatterns.getCourse, { courseId: draft.id });
  expect(outline.instructor.name).toBe('Edsger Dijkstra');
  expect(outline.modules.map((m) => m.lessons.map((l) => l.title))).toEqual([
    ['Go To Statement Considered Harmful', 'Loop invariants'],
    ['Check your understanding'],
  ]);
  expect(outline.modules[1].lessons[0].assessmentId).toBe(assessment.id);

  // Enrolls, opens and completes lessons.
  const enrollment = await app.send(student, CoursePatterns.enroll, { courseId: draft.id });
  expect(enrollment).toMatchObject({ status: 'active', source: 'free', progressPercent: 0 });
  expect((await app.send(student, CoursePatterns.getLesson, { lessonId: video.id })).videoUrl).toBe(
    'https://cdn.example.com/invariants.m3u8',
  );
  await app.send(student, CoursePatterns.completeLesson, {
    enrollmentId: enrollment.id,
    lessonId: article.id,
  });
  const afterVideo = await app.send(student, CoursePatterns.completeLesson, {
    enrollmentId: enrollment.id,
    lessonId: video.id,
  });
  expect(afterVideo).toMatchObject({ status: 'active', progressPercent: 66 });

  // The quiz lesson completes by passing its assessment, not by a click.
  expect(
    await app.failure(student, CoursePatterns.completeLesson, {
      enrollmentId: enrollment.id,
      lessonId: quizLesson.id,
    }),
  ).toMatchObject({ code: 'INVALID_STATE' });
  const quiz = await app.send(student, CoursePatterns.getAssessment, { assessmentId: assessment.id });
  expect(quiz.questions.every((q) => q.correct === undefined)).toBe(true);
  const result = await app.send(student, CoursePatterns.submitAssessment, {
    assessmentId: assessment.id,
    answers: quiz.questions.map((q) => ({ questionId: q.id, selected: [q.type === 'single' ? 1 : 0] })),
  });
  expect(result).toMatchObject({ passed: true, scorePercent: 100, attempt: 1, attemptsRemaining: 2 });

  // Completed, with a certificate that verifies publicly.
  const done = await app.send(student, CoursePatterns.getEnrollment, { enrollmentId: enrollment.id });
  expect(done).toMatchObject({ status: 'completed', progressPercent: 100 });
  expect(done.completedLessonIds).toEqual([article.id, video.id, quizLesson.id]);
  expect(done.certificateCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  const certificates = await app.send(student, CoursePatterns.listMyCertificates, {});
  expect(certificates.items).toEqual([
    expect.objectContaining({
      code: done.certificateCode,
      courseTitle: 'Structured Programming',
      status: 'valid',
    }),
  ]);
  const verified = await app.send(null, CoursePatterns.verifyCertificate, {
    code: (done.certificateCode as string).toLowerCase(),
  });
  expect(verified).toMatchObject({
    code: done.certificateCode,
    holderName: 'Barbara Liskov',
    courseTitle: 'Structured Programming',
    status: 'valid',
  });
  expect(await app.failure(null, CoursePatterns.verifyCertificate, { code: '0'.repeat(26) })).toMatchObject({
    code: 'NOT_FOUND',
  });

  // Every step went to the outbox.
  const types = (await app.outbox()).map((e) => e.type);
  expect(types).toEqual(
    expect.arrayContaining([
      'course.course.published',
      'course.enrollment.created',
      'course.lesson.completed',
      'course.enrollment.completed',
      'course.certificate.issued',
    ]),
  );
  const lessonEvents = await app.outbox('course.lesson.completed');
  expect(lessonEvents.map((e) => e.data.progressPercent)).toEqual([33, 66, 100]);
});
