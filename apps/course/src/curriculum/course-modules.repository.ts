import { Injectable } from '@nestjs/common';
import { BaseRepository } from '@platform/database';
import { DataSource } from 'typeorm';
import { CourseModuleEntity } from './course-module.entity';

@Injectable()
export class CourseModulesRepository extends BaseRepository<CourseModuleEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, CourseModuleEntity, {
      filterable: ['courseId'],
      sortable: ['position'],
      defaultSort: { position: 'ASC' },
    });
  }

  async listByCourse(courseId: string): Promise<CourseModuleEntity[]> {
    return this.guard(() =>
      this.select()
        .andWhere('entity.courseId = :courseId', { courseId })
        .orderBy('entity.position', 'ASC')
        .getMany(),
    );
  }
}
