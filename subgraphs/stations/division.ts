import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum DivisionLevel {
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  COUNTY = 'COUNTY',
}

registerEnumType(DivisionLevel, {
  name: 'DivisionLevel',
  description: '行政区划级别 Level of a GB/T 2260 administrative division.',
  valuesConfig: {
    PROVINCE: { description: '省 Province.' },
    CITY: { description: '地级市 Prefecture-level city.' },
    COUNTY: { description: '县级 County, county-level city or district.' },
  },
});

@Entity({ name: 'division' })
@Directive('@key(fields: "code")')
@ObjectType({
  description:
    '行政区划 A GB/T 2260 administrative division: the province, a city or a county. ' +
    'Stations belong to counties; a division code is also a scope. Every department adds its ' +
    "figures summed over the division's stations.",
})
export class Division {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID, { description: '区划代码 6-digit GB/T 2260 code, e.g. 330681.' })
  code!: string;

  @Column({ type: 'text' })
  @Field({ description: '名称 Official name, e.g. 诸暨市.' })
  name!: string;

  @Column({ type: 'text' })
  @Field(() => DivisionLevel, { description: '级别 Province, city or county.' })
  level!: DivisionLevel;

  @Column({ type: 'text', name: 'parent_code', nullable: true })
  @Field(() => ID, {
    nullable: true,
    description: '上级区划代码 Code of the division it belongs to; null for a province.',
  })
  parentCode!: string | null;
}
