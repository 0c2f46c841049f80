import { Injectable } from '@nestjs/common';
import { BaseRepository } from '@platform/database';
import { DataSource } from 'typeorm';
import { AssessmentQuestion } from './assessment-question.entity';
import { type NormalisedQuestion } from './grading';

@Injectable()
export class AssessmentQuestionsRepository extends BaseRepository<AssessmentQuestion> {
  constructor(dataSource: DataSource) {
    super(dataSource, AssessmentQuestion, {
      filterable: ['assessmentId'],
      sortable: ['position'],
      defaultSort: { position: 'ASC' },
    });
  }

  /** The questions of the assessments, each assessment's in order. */
  async listFor(assessmentIds: readonly string[]): Promise<AssessmentQuestion[]> {
    if (assessmentIds.length === 0) return [];
    return this.guard(() =>
      this.select()
        .andWhere('entity.assessmentId IN (:...assessmentIds)', {
          assessmentIds: [...new Set(assessmentIds)],
        })
        .orderBy('entity.assessmentId', 'ASC')
        .addOrderBy('entity.position', 'ASC')
        .getMany(),
    );
  }

  /** Replaces the whole question list (positions 1..n in the given order). */
  async replaceFor(
    assessmentId: string,
    questions: readonly NormalisedQuestion[],
  ): Promise<AssessmentQuestion[]> {
    await this.guard(() =>
      this.manager.createQueryBuilder().delete().from(AssessmentQuestion).where({ assessmentId }).execute(),
    );
    return this.bulkCreate(
      questions.map((question, index) => ({ ...question, assessmentId, position: index + 1 })),
    );
  }
}
