import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CoursePatterns,
  CreateLessonBody,
  CreateModuleBody,
  type LessonView,
  type ModuleView,
  ServiceClient,
  UpdateLessonBody,
  UpdateModuleBody,
} from '@platform/contracts';
import { IdParam } from './course-route-params';
import { LessonViewSchema, ModuleViewSchema } from './curriculum.schemas';

/**
 * Modules and lessons, for the course owner (and admins); `GET /lessons/:id` also for
 * enrollees. Positions are 1..n within their parent however items are inserted or moved.
 */
@ApiTags('curriculum')
@Controller()
export class CurriculumController {
  constructor(private readonly course: ServiceClient) {}

  @Post('courses/:id/modules')
  @ApiCreatedResponse({ type: ModuleViewSchema })
  createModule(@Param() params: IdParam, @Body() body: CreateModuleBody): Promise<ModuleView> {
    return this.course.send(CoursePatterns.createModule, { ...body, courseId: params.id });
  }

  @Patch('modules/:id')
  @ApiOkResponse({ type: ModuleViewSchema, description: 'Rename and/or move' })
  updateModule(@Param() params: IdParam, @Body() body: UpdateModuleBody): Promise<ModuleView> {
    return this.course.send(CoursePatterns.updateModule, { ...body, moduleId: params.id });
  }

  @Delete('modules/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'With its lessons' })
  async deleteModule(@Param() params: IdParam): Promise<void> {
    await this.course.send(CoursePatterns.deleteModule, { moduleId: params.id });
  }

  @Post('modules/:id/lessons')
  @ApiCreatedResponse({ type: LessonViewSchema, description: 'Unpublished unless isPublished is true' })
  createLesson(@Param() params: IdParam, @Body() body: CreateLessonBody): Promise<LessonView> {
    return this.course.send(CoursePatterns.createLesson, { ...body, moduleId: params.id });
  }

  @Get('lessons/:id')
  @ApiOkResponse({ type: LessonViewSchema, description: 'Enrollees (published lessons), the owner, admins' })
  getLesson(@Param() params: IdParam): Promise<LessonView> {
    return this.course.send(CoursePatterns.getLesson, { lessonId: params.id });
  }

  @Patch('lessons/:id')
  @ApiOkResponse({
    type: LessonViewSchema,
    description: '`moduleId` moves it to another module of the course',
  })
  updateLesson(@Param() params: IdParam, @Body() body: UpdateLessonBody): Promise<LessonView> {
    return this.course.send(CoursePatterns.updateLesson, { ...body, lessonId: params.id });
  }

  @Delete('lessons/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async deleteLesson(@Param() params: IdParam): Promise<void> {
    await this.course.send(CoursePatterns.deleteLesson, { lessonId: params.id });
  }
}
