import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Lesson } from '../curriculum/lesson.entity';
import { Enrollment } from '../enrollments/enrollment.entity';

/** A lesson an enrollment completed; the key makes completing twice a no-op. */
@Entity('lesson_completions')
@Index('idx_lesson_completions_lesson_id', ['lessonId'])
export class LessonCompletion {
  @PrimaryColumn('uuid')
  enrollmentId!: string;

  @ManyToOne(() => Enrollment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrollment_id' })
  enrollment?: Enrollment;

  @PrimaryColumn('uuid')
  lessonId!: string;

  @ManyToOne(() => Lesson, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lesson_id' })
  lesson?: Lesson;

  @Column('timestamptz', { default: () => 'now()' })
  completedAt!: Date;
}
