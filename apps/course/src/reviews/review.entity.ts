import { UuidTimestampedBase } from '@platform/database';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { Course } from '../courses/course.entity';

/** A learner's rating of a course: one per user and course, 1 to 5 stars. */
@Entity('reviews')
@Unique('uq_reviews_course_id_user_id', ['courseId', 'userId'])
@Index('idx_reviews_course_id_created_at', ['courseId', 'createdAt'])
@Check(`"rating" BETWEEN 1 AND 5`)
export class Review extends UuidTimestampedBase {
  @Column('uuid')
  courseId!: string;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id' })
  course?: Course;

  @Column('uuid')
  userId!: string;

  @Column('smallint')
  rating!: number;

  @Column('text', { nullable: true })
  body!: string | null;
}
