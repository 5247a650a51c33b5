import { Field, InputType, Int } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { LocalDate } from '../kit/contract/local-date';
import { entityTable } from '../kit/records/entity-table';
import { RecordInput } from '../kit/records/record-inputs';
import { MAX_CASUALTIES } from './checks';

@Entity({ name: 'accident' })
@InputType({
  description: '道路交通事故 One road traffic accident as the traffic police record it.',
})
export class AccidentInput extends RecordInput {
  @Column({ type: 'date', name: 'occurred_on' })
  @Field(() => LocalDate, {
    description: '事故日期 The day it occurred, from 1949-10-01 to today.',
  })
  occurredOn!: string;

  @Column({ type: 'integer' })
  @Field(() => Int, {
    description: `死亡人数 The people it killed, 0 to ${MAX_CASUALTIES}; when the toll rises, send the accident again.`,
  })
  deaths!: number;

  @Column({ type: 'integer' })
  @Field(() => Int, { description: `受伤人数 The people it injured, 0 to ${MAX_CASUALTIES}.` })
  injuries!: number;
}

export const ACCIDENT_TABLE = entityTable<AccidentInput>(AccidentInput);
