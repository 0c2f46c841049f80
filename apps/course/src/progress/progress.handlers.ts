import { Injectable } from '@nestjs/common';
import {
  CompleteLessonRequest,
  CoursePatterns,
  type EnrollmentView,
  RequestHandler,
} from '@platform/contracts';
import { ProgressService } from './progress.service';

@Injectable()
export class ProgressHandlers {
  constructor(private readonly progress: ProgressService) {}

  @RequestHandler(CoursePatterns.completeLesson)
  completeLesson(request: CompleteLessonRequest): Promise<EnrollmentView> {
    return this.progress.completeLesson(request);
  }
}
