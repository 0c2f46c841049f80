import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  type AssessmentView,
  type AttemptView,
  CoursePatterns,
  CreateAssessmentBody,
  ServiceClient,
  type StartedAttemptView,
  type SubmissionResultView,
  SubmitAssessmentBody,
  UpdateAssessmentBody,
} from '@platform/contracts';
import {
  AssessmentViewSchema,
  AttemptViewSchema,
  StartedAttemptViewSchema,
  SubmissionResultViewSchema,
} from './assessment.schemas';
import { IdParam } from './course-route-params';

/** Quizzes: the owner writes them, enrollees take them; grading and time limits are the service's. */
@ApiTags('assessments')
@Controller()
export class AssessmentsController {
  constructor(private readonly course: ServiceClient) {}

  @Post('courses/:id/assessments')
  @ApiCreatedResponse({ type: AssessmentViewSchema, description: 'For the owner, with the correct answers' })
  create(@Param() params: IdParam, @Body() body: CreateAssessmentBody): Promise<AssessmentView> {
    return this.course.send(CoursePatterns.createAssessment, { ...body, courseId: params.id });
  }

  @Get('courses/:id/assessments')
  @ApiOkResponse({ type: [AssessmentViewSchema], description: 'Enrollees and the owner' })
  list(@Param() params: IdParam): Promise<AssessmentView[]> {
    return this.course.send(CoursePatterns.listAssessments, { courseId: params.id });
  }

  @Get('assessments/:id')
  @ApiOkResponse({ type: AssessmentViewSchema, description: 'Correct answers are never sent to learners' })
  get(@Param() params: IdParam): Promise<AssessmentView> {
    return this.course.send(CoursePatterns.getAssessment, { assessmentId: params.id });
  }

  @Patch('assessments/:id')
  @ApiOkResponse({
    type: AssessmentViewSchema,
    description: 'Stale version 409 VERSION_CONFLICT; questions locked once attempted (409 INVALID_STATE)',
  })
  update(@Param() params: IdParam, @Body() body: UpdateAssessmentBody): Promise<AssessmentView> {
    return this.course.send(CoursePatterns.updateAssessment, { ...body, assessmentId: params.id });
  }

  @Delete('assessments/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Only before anyone attempted it' })
  async delete(@Param() params: IdParam): Promise<void> {
    await this.course.send(CoursePatterns.deleteAssessment, { assessmentId: params.id });
  }

  @Post('assessments/:id/attempts')
  @ApiCreatedResponse({
    type: StartedAttemptViewSchema,
    description:
      'Starts the clock of a timed assessment (or returns the open attempt); 409 ATTEMPTS_EXHAUSTED',
  })
  startAttempt(@Param() params: IdParam): Promise<StartedAttemptView> {
    return this.course.send(CoursePatterns.startAttempt, { assessmentId: params.id });
  }

  @Get('assessments/:id/attempts')
  @ApiOkResponse({ type: [AttemptViewSchema], description: "The caller's attempts" })
  listAttempts(@Param() params: IdParam): Promise<AttemptView[]> {
    return this.course.send(CoursePatterns.listMyAttempts, { assessmentId: params.id });
  }

  @Post('assessments/:id/submissions')
  @ApiCreatedResponse({
    type: SubmissionResultViewSchema,
    description:
      'Graded; past maxAttempts 409 ATTEMPTS_EXHAUSTED, past the time limit 409 TIME_LIMIT_EXCEEDED',
  })
  submit(@Param() params: IdParam, @Body() body: SubmitAssessmentBody): Promise<SubmissionResultView> {
    return this.course.send(CoursePatterns.submitAssessment, { ...body, assessmentId: params.id });
  }
}
