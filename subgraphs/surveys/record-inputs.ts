import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, InputType, Int } from 'type-graphql';
import { RecordInput } from '../kit/records';
import { CommendationKind } from './enums';

@InputType({
  description:
    "群众安全感和满意度调查 One resident's answers to the third-party survey firm's phone survey.",
})
export class SurveyResponseInput extends RecordInput {
  @Field(() => GraphQLLocalDate, {
    description: '调查日期 The day of the call, from 1949-10-01 to today.',
  })
  surveyedOn!: string;

  @Field(() => Int, {
    description:
      '安全感 How safe the resident feels, 1 to 5: 很安全 5 (very safe), 安全 4 (safe), 基本安全 3 ' +
      '(fairly safe), 不太安全 2 (not very safe), 很不安全 1 (very unsafe).',
  })
  security!: number;

  @Field(() => Int, {
    description:
      '满意度 How satisfied the resident is with the police, 1 to 5: 很满意 5 (very satisfied), 满意 4 ' +
      '(satisfied), 基本满意 3 (fairly satisfied), 不满意 2 (dissatisfied), 很不满意 1 (very dissatisfied).',
  })
  satisfaction!: number;
}

@InputType({
  description: '12389投诉 One complaint about the station to the 12389 police misconduct hotline.',
})
export class ComplaintInput extends RecordInput {
  @Field(() => GraphQLLocalDate, {
    description: '受理日期 The day it was received, from 1949-10-01 to today.',
  })
  receivedOn!: string;

  @Field({
    description:
      '有效投诉 Whether the complaint was found justified; sending it again with the finding updates it.',
  })
  valid!: boolean;
}

@InputType({ description: '锦旗/表扬信 One banner or letter of praise the station received.' })
export class CommendationInput extends RecordInput {
  @Field(() => GraphQLLocalDate, {
    description: '收到日期 The day it was received, from 1949-10-01 to today.',
  })
  receivedOn!: string;

  @Field(() => CommendationKind, { description: '表扬形式 A banner or a letter.' })
  kind!: CommendationKind;
}
