import { type LessonType } from '@platform/contracts';
import { UuidTimestampedBase } from '@platform/database';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { Course } from '../courses/course.entity';
import { CourseModuleEntity } from './course-module.entity';

/**
 * A lesson of a module. `course_id` repeats the module's course so progress queries count a
 * course's published required lessons without a join. Positions as for modules.
 */
@Entity('lessons')
@Unique('uq_lessons_module_id_position', ['moduleId', 'position'], { deferrable: 'INITIALLY DEFERRED' })
@Index('idx_lessons_course_id', ['courseId'])
@Check(`"position" >= 1`)
@Check(`"type" IN ('video', 'article', 'quiz')`)
@Check(`"duration_minutes" IS NULL OR "duration_minutes" >= 0`)
export class Lesson extends UuidTimestampedBase {
  @Column('uuid')
  moduleId!: string;

  @ManyToOne(() => CourseModuleEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'module_id' })
  module?: CourseModuleEntity;

  @Column('uuid')
  courseId!: string;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id' })
  course?: Course;

  @Column('varchar', { length: 200 })
  title!: string;

  @Column('varchar', { length: 10 })
  type!: LessonType;

  @Column('text', { nullable: true })
  content!: string | null;

  @Column('varchar', { length: 2048, nullable: true })
  videoUrl!: string | null;

  @Column('integer', { nullable: true })
  durationMinutes!: number | null;

  @Column('boolean', { default: true })
  isRequired!: boolean;

  @Column('boolean', { default: false })
  isPublished!: boolean;

  @Column('integer')
  position!: number;
}
