import { Field, ObjectType } from 'type-graphql';
import { LocalDate } from '../kit/contract/local-date';
import { recordInterface } from '../kit/records/record-outputs';
import { CaseCategory, DisputeChannel, DisputeOutcome } from './enums';

/** The criminal police's records as they sent them: cases and disputes. */
export const CaseRecord = recordInterface(
  'CaseRecord',
  '案件记录 A record the criminal police sent: a criminal case or a dispute.',
);

@ObjectType('CriminalCase', {
  implements: CaseRecord,
  description: '刑事案件 One criminal case, as recordCases last sent it.',
})
export class CriminalCase extends CaseRecord {
  @Field(() => CaseCategory, { description: '案件类别 Its category.' })
  category!: CaseCategory;

  @Field(() => LocalDate, { description: '立案日期 The day it was filed.' })
  filedOn!: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: '破案日期 The day it was solved; null while unsolved.',
  })
  solvedOn!: string | null;
}

@ObjectType('Dispute', {
  implements: CaseRecord,
  description: '矛盾纠纷 One dispute, as recordDisputes last sent it.',
})
export class Dispute extends CaseRecord {
  @Field(() => LocalDate, { description: '受理日期 The day it was received.' })
  receivedOn!: string;

  @Field(() => DisputeChannel, { description: '调解渠道 How it is mediated.' })
  channel!: DisputeChannel;

  @Field(() => DisputeOutcome, { description: '调解结果 Where it stands.' })
  outcome!: DisputeOutcome;

  @Field(() => LocalDate, {
    nullable: true,
    description: '办结日期 The day it was closed; null while pending.',
  })
  closedOn!: string | null;
}
