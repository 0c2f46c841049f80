import { Injectable } from '@nestjs/common';
import { type EnrollmentView } from '@platform/contracts';
import { CertificatesRepository } from '../certificates/certificates.repository';
import { CoursesRepository } from '../courses/courses.repository';
import { type Progress, ProgressReader } from '../progress/progress-reader';
import { type Enrollment } from './enrollment.entity';

/** Enrollments with what a learner wants next to them: course title, progress, certificate. */
@Injectable()
export class EnrollmentViews {
  constructor(
    private readonly progress: ProgressReader,
    private readonly courses: CoursesRepository,
    private readonly certificates: CertificatesRepository,
  ) {}

  async many(enrollments: readonly Enrollment[]): Promise<EnrollmentView[]> {
    const progress = await this.progress.of(enrollments);
    const titles = await this.courses.titlesOf(enrollments.map((e) => e.courseId));
    const codes = await this.certificates.codesByEnrollment(enrollments.map((e) => e.id));
    return enrollments.map((enrollment) =>
      toEnrollmentView(
        enrollment,
        titles.get(enrollment.courseId) ?? '',
        progress.get(enrollment.id) as Progress,
        codes.get(enrollment.id) ?? null,
      ),
    );
  }

  async one(enrollment: Enrollment): Promise<EnrollmentView> {
    const [view] = await this.many([enrollment]);
    return view;
  }
}

function toEnrollmentView(
  enrollment: Enrollment,
  courseTitle: string,
  progress: Progress,
  certificateCode: string | null,
): EnrollmentView {
  return {
    id: enrollment.id,
    courseId: enrollment.courseId,
    courseTitle,
    userId: enrollment.userId,
    status: enrollment.status,
    source: enrollment.source,
    progressPercent: progress.percent,
    completedLessonIds: progress.completedLessonIds,
    certificateCode,
    enrolledAt: enrollment.createdAt.toISOString(),
    completedAt: enrollment.completedAt?.toISOString() ?? null,
    endedAt: enrollment.endedAt?.toISOString() ?? null,
  };
}
