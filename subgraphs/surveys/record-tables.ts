import { Column, Entity } from 'typeorm';
import { entityTable } from '../kit/entity-table';
import { RecordRow } from '../kit/records';
import type { CommendationInput, ComplaintInput, SurveyResponseInput } from './record-inputs';

@Entity({ name: 'survey_response' })
export class SurveyResponseRow extends RecordRow {
  @Column({ type: 'date', name: 'surveyed_on' })
  surveyedOn!: string;

  @Column({ type: 'smallint' })
  security!: number;

  @Column({ type: 'smallint' })
  satisfaction!: number;
}

@Entity({ name: 'complaint' })
export class ComplaintRow extends RecordRow {
  @Column({ type: 'date', name: 'received_on' })
  receivedOn!: string;

  @Column({ type: 'boolean' })
  valid!: boolean;
}

@Entity({ name: 'commendation' })
export class CommendationRow extends RecordRow {
  @Column({ type: 'date', name: 'received_on' })
  receivedOn!: string;

  @Column({ type: 'text' })
  kind!: string;
}

export const SURVEY_RESPONSE_TABLE = entityTable<SurveyResponseInput>(SurveyResponseRow);
export const COMPLAINT_TABLE = entityTable<ComplaintInput>(ComplaintRow);
export const COMMENDATION_TABLE = entityTable<CommendationInput>(CommendationRow);
