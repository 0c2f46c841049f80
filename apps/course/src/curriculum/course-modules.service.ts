import { Injectable } from '@nestjs/common';
import { ValidationError } from '@platform/common';
import { type CreateModuleRequest, type ModuleView, type UpdateModuleRequest } from '@platform/contracts';
import { Transactional, currentEntityManager } from '@platform/database';
import { DataSource } from 'typeorm';
import { CourseModulesRepository } from './course-modules.repository';
import { CurriculumAccess } from './curriculum-access';
import { CurriculumOutline } from './curriculum-outline';
import { DensePositions, MODULE_POSITIONS } from './dense-positions';
import { toModuleView } from './curriculum.views';

/** Modules of a course: added, renamed, moved and removed with positions kept 1..n. */
@Injectable()
export class CourseModulesService {
  private readonly positions = new DensePositions(MODULE_POSITIONS);

  constructor(
    private readonly dataSource: DataSource,
    private readonly modules: CourseModulesRepository,
    private readonly access: CurriculumAccess,
    private readonly outline: CurriculumOutline,
  ) {}

  private get manager() {
    return currentEntityManager(this.dataSource);
  }

  @Transactional()
  async create(request: CreateModuleRequest): Promise<ModuleView> {
    const course = await this.access.editableCourse(request.courseId);
    const position = await this.positions.openSlot(this.manager, course.id, request.position);
    const module = await this.modules.create({ courseId: course.id, title: request.title, position });
    return toModuleView(module, []);
  }

  @Transactional()
  async update(request: UpdateModuleRequest): Promise<ModuleView> {
    if (request.title === undefined && request.position === undefined) {
      throw new ValidationError('Nothing to update: give a title or a position');
    }
    const { module, course } = await this.access.editableModule(request.moduleId);
    if (request.position !== undefined) {
      await this.positions.move(this.manager, course.id, module.id, module.position, request.position);
    }
    if (request.title !== undefined) await this.modules.update(module.id, { title: request.title });
    const modules = await this.outline.of(course.id, { includeUnpublished: true });
    return modules.find((candidate) => candidate.id === module.id) as ModuleView;
  }

  /** Removes the module with its lessons (and learners' completions of them). */
  @Transactional()
  async delete(moduleId: string): Promise<void> {
    const { module, course } = await this.access.editableModule(moduleId);
    await this.modules.hardDelete(module.id);
    await this.positions.closeGap(this.manager, course.id, module.position);
  }
}
