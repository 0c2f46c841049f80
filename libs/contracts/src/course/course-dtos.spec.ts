import { ValidationError } from '@platform/common';
import { validateDto } from '../validation/validate-dto';
import { UpdateAssessmentRequest } from './assessments.dto';
import { SearchCoursesQuery, UpdateCourseRequest } from './courses.dto';
import { UpdateLessonRequest } from './curriculum.dto';

const courseId = '01890000-0000-7000-8000-0000000000aa';

async function problems(dto: Parameters<typeof validateDto>[0], input: unknown): Promise<string[]> {
  try {
    await validateDto(dto, input);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return [
      ...new Set(((error as ValidationError).details as { field: string }[]).map((p) => p.field)),
    ].sort();
  }
}

describe('course DTOs', () => {
  it('let an update clear nullable fields but not required ones', async () => {
    expect(
      await problems(UpdateCourseRequest, { courseId, version: 3, capacity: null, description: null }),
    ).toEqual([]);
    expect(await problems(UpdateCourseRequest, { courseId, version: 3, title: null, level: null })).toEqual([
      'level',
      'title',
    ]);
    expect(await problems(UpdateCourseRequest, { courseId, title: 'No version' })).toEqual(['version']);
    expect(await problems(UpdateCourseRequest, { courseId, version: 1, instructorId: courseId })).toEqual([
      'instructorId',
    ]);
  });

  it('trims titles on update as on create', async () => {
    const request = await validateDto(UpdateLessonRequest, {
      lessonId: courseId,
      title: '  Intro  ',
      content: null,
    });
    expect(request).toMatchObject({ title: 'Intro', content: null });
  });

  it('validate nested questions of an assessment update, and refuse re-attaching it', async () => {
    expect(
      await problems(UpdateAssessmentRequest, {
        assessmentId: courseId,
        version: 1,
        timeLimitSeconds: null,
        questions: [{ prompt: 'p', type: 'essay', correct: [0], points: 0 }],
      }),
    ).toEqual(['questions[0].points', 'questions[0].type']);
    expect(
      await problems(UpdateAssessmentRequest, { assessmentId: courseId, version: 1, lessonId: courseId }),
    ).toEqual(['lessonId']);
  });

  it('turn query strings into numbers and refuse undocumented filters', async () => {
    const query = await validateDto(SearchCoursesQuery, {
      minRating: '4.5',
      maxPriceCents: '1000',
      limit: '10',
    });
    expect(query).toMatchObject({ minRating: 4.5, maxPriceCents: 1000, limit: 10 });
    expect(await problems(SearchCoursesQuery, { minRating: 'high', sort: 'cheapest', owner: 'me' })).toEqual([
      'minRating',
      'owner',
      'sort',
    ]);
  });
});
