import { Field, Int, ObjectType } from 'type-graphql';
import { LocalDate } from '../kit/contract/local-date';
import { recordInterface } from '../kit/records/record-outputs';

/** The traffic police's records as they sent them. */
export const TrafficRecord = recordInterface(
  'TrafficRecord',
  '交通记录 A record the traffic police sent: a road traffic accident.',
);

@ObjectType('Accident', {
  implements: TrafficRecord,
  description: '道路交通事故 One road traffic accident, as recordAccidents last sent it.',
})
export class Accident extends TrafficRecord {
  @Field(() => LocalDate, { description: '事故日期 The day it occurred.' })
  occurredOn!: string;

  @Field(() => Int, { description: '死亡人数 The people it killed.' })
  deaths!: number;

  @Field(() => Int, { description: '受伤人数 The people it injured.' })
  injuries!: number;
}
