import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';
import { RecordInput } from '../kit/records';
import { CaseCategory, DisputeChannel, DisputeOutcome } from './enums';

@InputType({ description: '刑事案件 One criminal case as the criminal police record it.' })
export class CaseInput extends RecordInput {
  @Field(() => CaseCategory, { description: '案件类别 Its category.' })
  category!: CaseCategory;

  @Field(() => GraphQLLocalDate, {
    description: '立案日期 The day it was filed, from 1949-10-01 to today.',
  })
  filedOn!: string;

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: '破案日期 The day it was solved, if it is; not before filedOn nor after today.',
  })
  solvedOn?: string | null;
}

@InputType({ description: '矛盾纠纷 One dispute received for mediation.' })
export class DisputeInput extends RecordInput {
  @Field(() => GraphQLLocalDate, {
    description: '受理日期 The day it was received, from 1949-10-01 to today.',
  })
  receivedOn!: string;

  @Field(() => DisputeChannel, { description: '调解渠道 How it is mediated.' })
  channel!: DisputeChannel;

  @Field(() => DisputeOutcome, { description: '调解结果 Where it stands.' })
  outcome!: DisputeOutcome;

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description:
      '办结日期 The day it was closed: required once MEDIATED, FAILED or REFERRED, empty while ' +
      'PENDING; not before receivedOn nor after today.',
  })
  closedOn?: string | null;
}
