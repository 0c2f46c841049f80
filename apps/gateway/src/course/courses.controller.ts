import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OptionalAuth, Public, Roles } from '@platform/auth';
import {
  type CourseDetailView,
  CoursePatterns,
  type CourseView,
  CreateCourseBody,
  type Page,
  SearchCoursesQuery,
  ServiceClient,
  UpdateCourseBody,
} from '@platform/contracts';
import { CourseDetailViewSchema, CoursePageSchema } from './catalog.schemas';
import { IdParam } from './course-route-params';

/** The catalog and a course's lifecycle. Ownership and state rules live in the course service. */
@ApiTags('courses')
@Controller('courses')
export class CoursesController {
  constructor(private readonly course: ServiceClient) {}

  @Post()
  @Roles('instructor')
  @ApiCreatedResponse({ type: CourseDetailViewSchema, description: 'A draft owned by the caller, version 1' })
  create(@Body() body: CreateCourseBody): Promise<CourseDetailView> {
    return this.course.send(CoursePatterns.createCourse, body);
  }

  @Get()
  @Public()
  @ApiOkResponse({
    type: CoursePageSchema,
    description:
      'Published courses; `q` is full text. An unknown filter or sort is 400 naming the allowed ones',
  })
  search(@Query() query: SearchCoursesQuery): Promise<Page<CourseView>> {
    return this.course.send(CoursePatterns.searchCourses, query);
  }

  /** Anyone may look; the signed-in owner (or an admin) also sees a draft and unpublished lessons. */
  @Get(':id')
  @OptionalAuth()
  @ApiOkResponse({
    type: CourseDetailViewSchema,
    description: 'A draft is 404 to all but its owner and admins',
  })
  get(@Param() params: IdParam): Promise<CourseDetailView> {
    return this.course.send(CoursePatterns.getCourse, { courseId: params.id });
  }

  @Patch(':id')
  @ApiOkResponse({
    type: CourseDetailViewSchema,
    description: 'Stale version 409 VERSION_CONFLICT; not the owner 403',
  })
  update(@Param() params: IdParam, @Body() body: UpdateCourseBody): Promise<CourseDetailView> {
    return this.course.send(CoursePatterns.updateCourse, { ...body, courseId: params.id });
  }

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOkResponse({
    type: CourseDetailViewSchema,
    description: 'Without a published lesson 409 INVALID_STATE',
  })
  publish(@Param() params: IdParam): Promise<CourseDetailView> {
    return this.course.send(CoursePatterns.publishCourse, { courseId: params.id });
  }

  @Post(':id/unpublish')
  @HttpCode(200)
  @ApiOkResponse({ type: CourseDetailViewSchema, description: 'Back to draft; learners keep their access' })
  unpublish(@Param() params: IdParam): Promise<CourseDetailView> {
    return this.course.send(CoursePatterns.unpublishCourse, { courseId: params.id });
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOkResponse({ type: CourseDetailViewSchema, description: 'Final and read-only; learners keep access' })
  archive(@Param() params: IdParam): Promise<CourseDetailView> {
    return this.course.send(CoursePatterns.archiveCourse, { courseId: params.id });
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Soft delete; 409 INVALID_STATE while learners hold seats' })
  async delete(@Param() params: IdParam): Promise<void> {
    await this.course.send(CoursePatterns.deleteCourse, { courseId: params.id });
  }
}
