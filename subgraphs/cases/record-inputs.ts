import { Field, InputType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { LocalDate } from '../kit/contract/local-date';
import { entityTable } from '../kit/records/entity-table';
import { RecordInput } from '../kit/records/record-inputs';
import { CaseCategory, DisputeChannel, DisputeOutcome } from './enums';

@Entity({ name: 'criminal_case' })
@InputType({ description: '刑事案件 One criminal case as the criminal police record it.' })
export class CaseInput extends RecordInput {
  @Column({ type: 'text' })
  @Field(() => CaseCategory, { description: '案件类别 Its category.' })
  category!: CaseCategory;

  @Column({ type: 'date', name: 'filed_on' })
  @Field(() => LocalDate, {
    description: '立案日期 The day it was filed, from 1949-10-01 to today.',
  })
  filedOn!: string;

  @Column({ type: 'date', name: 'solved_on', nullable: true })
  @Field(() => LocalDate, {
    nullable: true,
    description: '破案日期 The day it was solved, if it is; not before filedOn nor after today.',
  })
  solvedOn?: string | null;
}

@Entity({ name: 'dispute' })
@InputType({ description: '矛盾纠纷 One dispute received for mediation.' })
export class DisputeInput extends RecordInput {
  @Column({ type: 'date', name: 'received_on' })
  @Field(() => LocalDate, {
    description: '受理日期 The day it was received, from 1949-10-01 to today.',
  })
  receivedOn!: string;

  @Column({ type: 'text' })
  @Field(() => DisputeChannel, { description: '调解渠道 How it is mediated.' })
  channel!: DisputeChannel;

  @Column({ type: 'text' })
  @Field(() => DisputeOutcome, { description: '调解结果 Where it stands.' })
  outcome!: DisputeOutcome;

  @Column({ type: 'date', name: 'closed_on', nullable: true })
  @Field(() => LocalDate, {
    nullable: true,
    description:
      '办结日期 The day it was closed: required once MEDIATED, FAILED or REFERRED, empty while ' +
      'PENDING; not before receivedOn nor after today.',
  })
  closedOn?: string | null;
}

export const CASE_TABLE = entityTable<CaseInput>(CaseInput);
export const DISPUTE_TABLE = entityTable<DisputeInput>(DisputeInput);
