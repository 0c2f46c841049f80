import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '@platform/auth';
import { type CategoryView, CoursePatterns, CreateCategoryBody, ServiceClient } from '@platform/contracts';
import { CategoryViewSchema } from './catalog.schemas';

@ApiTags('categories')
@Controller('categories')
export class CategoriesController {
  constructor(private readonly course: ServiceClient) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: [CategoryViewSchema], description: 'The whole tree, children sorted by name' })
  tree(): Promise<CategoryView[]> {
    return this.course.send(CoursePatterns.listCategories, {});
  }

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({
    type: CategoryViewSchema,
    description: 'A sibling with the same name is 409; an unknown parent 404',
  })
  create(@Body() body: CreateCategoryBody): Promise<CategoryView> {
    return this.course.send(CoursePatterns.createCategory, body);
  }
}
