import { Field, Int, ObjectType } from 'type-graphql';
import { LocalDate } from '../kit/contract/local-date';
import { recordInterface } from '../kit/records/record-outputs';
import { CommendationKind } from './enums';

/** The survey firm's and the 12389 desk's records as they sent them. */
export const SurveyRecord = recordInterface(
  'SurveyRecord',
  '群众评价记录 A record the survey firm or the 12389 desk sent: a survey response, a ' +
    'complaint or a commendation. No personal data: the department sends none.',
);

@ObjectType('SurveyResponse', {
  implements: SurveyRecord,
  description: "调查结果 One resident's answers, as recordSurveyResponses last sent them.",
})
export class SurveyResponse extends SurveyRecord {
  @Field(() => LocalDate, { description: '调查日期 The day of the call.' })
  surveyedOn!: string;

  @Field(() => Int, { description: '安全感 How safe the resident feels, 1 to 5.' })
  security!: number;

  @Field(() => Int, { description: '满意度 How satisfied the resident is, 1 to 5.' })
  satisfaction!: number;
}

@ObjectType('Complaint', {
  implements: SurveyRecord,
  description: '12389投诉 One complaint, as recordComplaints last sent it.',
})
export class Complaint extends SurveyRecord {
  @Field(() => LocalDate, { description: '受理日期 The day it was received.' })
  receivedOn!: string;

  @Field({ description: '有效投诉 Whether it was found justified.' })
  valid!: boolean;
}

@ObjectType('Commendation', {
  implements: SurveyRecord,
  description: '锦旗/表扬信 One banner or letter, as recordCommendations last sent it.',
})
export class Commendation extends SurveyRecord {
  @Field(() => LocalDate, { description: '收到日期 The day it was received.' })
  receivedOn!: string;

  @Field(() => CommendationKind, { description: '表扬形式 A banner or a letter.' })
  kind!: CommendationKind;
}
