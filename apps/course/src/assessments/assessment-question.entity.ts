import { type QuestionType } from '@platform/contracts';
import { UuidBase } from '@platform/database';
import { Check, Column, Entity, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { Assessment } from './assessment.entity';

/**
 * One question of an assessment. Options are an ordered list of labels and the answer key
 * a list of their indexes; both are small, always read whole, and never queried into.
 */
@Entity('assessment_questions')
@Unique('uq_assessment_questions_assessment_id_position', ['assessmentId', 'position'])
@Check(`"type" IN ('single', 'multiple', 'true_false')`)
@Check(`"points" > 0`)
@Check(`cardinality("correct_options") >= 1`)
export class AssessmentQuestion extends UuidBase {
  @Column('uuid')
  assessmentId!: string;

  @ManyToOne(() => Assessment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: Assessment;

  @Column('integer')
  position!: number;

  @Column('text')
  prompt!: string;

  @Column('varchar', { length: 20 })
  type!: QuestionType;

  @Column('jsonb')
  options!: string[];

  /** Zero-based indexes into `options`; never leaves the service towards a learner. */
  @Column('integer', { array: true })
  correctOptions!: number[];

  @Column('integer')
  points!: number;
}
