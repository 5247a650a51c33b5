import { Field, InputType, Int } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { LocalDate } from '../kit/contract/local-date';
import { entityTable } from '../kit/records/entity-table';
import { RecordInput } from '../kit/records/record-inputs';
import { CommendationKind } from './enums';

@Entity({ name: 'survey_response' })
@InputType({
  description:
    "群众安全感和满意度调查 One resident's answers to the third-party survey firm's phone survey.",
})
export class SurveyResponseInput extends RecordInput {
  @Column({ type: 'date', name: 'surveyed_on' })
  @Field(() => LocalDate, {
    description: '调查日期 The day of the call, from 1949-10-01 to today.',
  })
  surveyedOn!: string;

  @Column({ type: 'smallint' })
  @Field(() => Int, {
    description:
      '安全感 How safe the resident feels, 1 to 5: 很安全 5 (very safe), 安全 4 (safe), 基本安全 3 ' +
      '(fairly safe), 不太安全 2 (not very safe), 很不安全 1 (very unsafe).',
  })
  security!: number;

  @Column({ type: 'smallint' })
  @Field(() => Int, {
    description:
      '满意度 How satisfied the resident is with the police, 1 to 5: 很满意 5 (very satisfied), 满意 4 ' +
      '(satisfied), 基本满意 3 (fairly satisfied), 不满意 2 (dissatisfied), 很不满意 1 (very dissatisfied).',
  })
  satisfaction!: number;
}

@Entity({ name: 'complaint' })
@InputType({
  description: '12389投诉 One complaint about the station to the 12389 police misconduct hotline.',
})
export class ComplaintInput extends RecordInput {
  @Column({ type: 'date', name: 'received_on' })
  @Field(() => LocalDate, {
    description: '受理日期 The day it was received, from 1949-10-01 to today.',
  })
  receivedOn!: string;

  @Column({ type: 'boolean' })
  @Field({
    description:
      '有效投诉 Whether the complaint was found justified; sending it again with the finding updates it.',
  })
  valid!: boolean;
}

@Entity({ name: 'commendation' })
@InputType({ description: '锦旗/表扬信 One banner or letter of praise the station received.' })
export class CommendationInput extends RecordInput {
  @Column({ type: 'date', name: 'received_on' })
  @Field(() => LocalDate, {
    description: '收到日期 The day it was received, from 1949-10-01 to today.',
  })
  receivedOn!: string;

  @Column({ type: 'text' })
  @Field(() => CommendationKind, { description: '表扬形式 A banner or a letter.' })
  kind!: CommendationKind;
}

export const SURVEY_RESPONSE_TABLE = entityTable<SurveyResponseInput>(SurveyResponseInput);
export const COMPLAINT_TABLE = entityTable<ComplaintInput>(ComplaintInput);
export const COMMENDATION_TABLE = entityTable<CommendationInput>(CommendationInput);
