import { Injectable } from '@nestjs/common';
import {
  AssessmentIdRequest,
  type AssessmentView,
  type AttemptView,
  CoursePatterns,
  CreateAssessmentRequest,
  ListAssessmentsRequest,
  RequestHandler,
  type StartedAttemptView,
  type SubmissionResultView,
  SubmitAssessmentRequest,
  UpdateAssessmentRequest,
} from '@platform/contracts';
import { AssessmentsService } from './assessments.service';
import { AttemptsService } from './attempts.service';

@Injectable()
export class AssessmentsHandlers {
  constructor(
    private readonly assessments: AssessmentsService,
    private readonly attempts: AttemptsService,
  ) {}

  @RequestHandler(CoursePatterns.createAssessment)
  create(request: CreateAssessmentRequest): Promise<AssessmentView> {
    return this.assessments.create(request);
  }

  @RequestHandler(CoursePatterns.listAssessments)
  list(request: ListAssessmentsRequest): Promise<AssessmentView[]> {
    return this.assessments.list(request.courseId);
  }

  @RequestHandler(CoursePatterns.getAssessment)
  get(request: AssessmentIdRequest): Promise<AssessmentView> {
    return this.assessments.get(request.assessmentId);
  }

  @RequestHandler(CoursePatterns.updateAssessment)
  update(request: UpdateAssessmentRequest): Promise<AssessmentView> {
    return this.assessments.update(request);
  }

  @RequestHandler(CoursePatterns.deleteAssessment)
  async delete(request: AssessmentIdRequest): Promise<null> {
    await this.assessments.delete(request.assessmentId);
    return null;
  }

  @RequestHandler(CoursePatterns.startAttempt)
  start(request: AssessmentIdRequest): Promise<StartedAttemptView> {
    return this.attempts.start(request.assessmentId);
  }

  @RequestHandler(CoursePatterns.submitAssessment)
  submit(request: SubmitAssessmentRequest): Promise<SubmissionResultView> {
    return this.attempts.submit(request);
  }

  @RequestHandler(CoursePatterns.listMyAttempts)
  listMine(request: AssessmentIdRequest): Promise<AttemptView[]> {
    return this.attempts.listMine(request.assessmentId);
  }
}
