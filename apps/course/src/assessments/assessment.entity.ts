import { UuidVersionedBase } from '@platform/database';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { Course } from '../courses/course.entity';
import { Lesson } from '../curriculum/lesson.entity';

/**
 * A graded quiz of a course. Attached to a quiz lesson (at most one per lesson), passing it
 * completes that lesson; unattached, it is a course-level exam that does not gate progress.
 */
@Entity('assessments')
@Unique('uq_assessments_lesson_id', ['lessonId'])
@Index('idx_assessments_course_id', ['courseId'])
@Check(`"passing_score_percent" BETWEEN 0 AND 100`)
@Check(`"max_attempts" >= 1`)
@Check(`"time_limit_seconds" IS NULL OR "time_limit_seconds" > 0`)
export class Assessment extends UuidVersionedBase {
  @Column('uuid')
  courseId!: string;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id' })
  course?: Course;

  /** Deleting the lesson detaches the assessment rather than losing its attempts. */
  @Column('uuid', { nullable: true })
  lessonId!: string | null;

  @ManyToOne(() => Lesson, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'lesson_id' })
  lesson?: Lesson | null;

  @Column('varchar', { length: 200 })
  title!: string;

  @Column('integer')
  passingScorePercent!: number;

  @Column('integer')
  maxAttempts!: number;

  @Column('integer', { nullable: true })
  timeLimitSeconds!: number | null;
}
