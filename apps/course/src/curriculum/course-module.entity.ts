import { UuidTimestampedBase } from '@platform/database';
import { Check, Column, Entity, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { Course } from '../courses/course.entity';

/**
 * A module (section) of a course's curriculum. Named with the Entity suffix because
 * `CourseModule` reads as a Nest module. Positions are dense 1..n per course; the unique
 * constraint is deferred to commit so a reorder can shift many rows in one UPDATE.
 */
@Entity('course_modules')
@Unique('uq_course_modules_course_id_position', ['courseId', 'position'], {
  deferrable: 'INITIALLY DEFERRED',
})
@Check(`"position" >= 1`)
export class CourseModuleEntity extends UuidTimestampedBase {
  @Column('uuid')
  courseId!: string;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id' })
  course?: Course;

  @Column('varchar', { length: 200 })
  title!: string;

  @Column('integer')
  position!: number;
}
