import { Injectable } from '@nestjs/common';
import { LessonsRepository } from '../curriculum/lessons.repository';
import { type Enrollment } from '../enrollments/enrollment.entity';
import { LessonCompletionsRepository } from './lesson-completions.repository';
import { type CountedLesson, allCountedLessonsDone, progressPercent } from './progress-calculator';

export interface Progress {
  percent: number;
  completedLessonIds: string[];
  /** Every lesson that counts is done (the enrollment completes on the next check). */
  allDone: boolean;
}

/** Progress is computed when read, from completions and the curriculum as it is now. */
@Injectable()
export class ProgressReader {
  constructor(
    private readonly lessons: LessonsRepository,
    private readonly completions: LessonCompletionsRepository,
  ) {}

  async of(enrollments: readonly Enrollment[]): Promise<Map<string, Progress>> {
    const completed = await this.completions.completedBy(enrollments.map((e) => e.id));
    const published = await this.lessons.publishedOf(enrollments.map((e) => e.courseId));
    const byCourse = new Map<string, CountedLesson[]>();
    for (const lesson of published)
      byCourse.set(lesson.courseId, [...(byCourse.get(lesson.courseId) ?? []), lesson]);
    return new Map(
      enrollments.map((enrollment) => {
        const ids = completed.get(enrollment.id) ?? [];
        const done = new Set(ids);
        const lessons = byCourse.get(enrollment.courseId) ?? [];
        return [
          enrollment.id,
          {
            percent: progressPercent(enrollment.status, done, lessons),
            completedLessonIds: ids,
            allDone: allCountedLessonsDone(done, lessons),
          },
        ];
      }),
    );
  }

  async one(enrollment: Enrollment): Promise<Progress> {
    return (await this.of([enrollment])).get(enrollment.id) as Progress;
  }
}
