import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum CreationStatus {
  NOT_STARTED = 'NOT_STARTED',
  IN_PROGRESS = 'IN_PROGRESS',
  NAMED_CITY = 'NAMED_CITY',
  NAMED_PROVINCIAL = 'NAMED_PROVINCIAL',
  NAMED_NATIONAL = 'NAMED_NATIONAL',
}

registerEnumType(CreationStatus, {
  name: 'CreationStatus',
  description: '创建状态 Where a station stands in the 枫桥式公安派出所 creation campaign.',
  valuesConfig: {
    NOT_STARTED: { description: '未启动 Not started.' },
    IN_PROGRESS: { description: '创建中 Working towards the title.' },
    NAMED_CITY: { description: '市级命名 Named by the city.' },
    NAMED_PROVINCIAL: { description: '省级命名 Named by the province.' },
    NAMED_NATIONAL: {
      description: '全国命名 Named nationally by the Ministry of Public Security.',
    },
  },
});

@Entity({ name: 'station' })
@Directive('@key(fields: "code")')
@ObjectType({
  description:
    '派出所 A police station, keyed by its 12-digit organization code. Owned by the stations ' +
    'registry; every department extends it with its own figures.',
})
export class Station {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID, {
    description:
      '机构代码 12-digit police organization code (GA/T 380); its first 6 digits are the ' +
      'division it was issued under, which may be older than its current county.',
  })
  code!: string;

  @Column({ type: 'text' })
  @Field({ description: '名称 Full name, e.g. 诸暨市公安局枫桥派出所.' })
  name!: string;

  @Column({ type: 'text', name: 'division_code' })
  @Field(() => ID, {
    description: '所属县级区划代码 Code of its current county (stored, not read off the code).',
  })
  divisionCode!: string;

  @Column({ type: 'text' })
  @Field({ description: '地址 Postal address.' })
  address!: string;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: '品牌 Its brand, e.g. 老杨调解中心; null if none.',
  })
  brand!: string | null;

  @Column({ type: 'text', name: 'creation_status' })
  @Field(() => CreationStatus, { description: '创建状态 Its stage in the creation campaign.' })
  creationStatus!: CreationStatus;

  @Column({ type: 'integer' })
  @Field(() => Int, { description: '警力 Number of officers.' })
  officers!: number;

  @Column({ type: 'integer' })
  @Field(() => Int, { description: '辖区人口 Population of its jurisdiction.' })
  population!: number;

  @Column({ type: 'integer', name: 'social_organizations' })
  @Field(() => Int, {
    description: '平安类社会组织数 Number of safety-related social organizations.',
  })
  socialOrganizations!: number;
}
