import { Field, ID, InputType, Int } from 'type-graphql';
import { STATION_BOUNDS } from './bounds';
import { CreationStatus } from './station';

@InputType({
  description:
    '派出所登记 One station as the registry should hold it. Sending a code again replaces ' +
    "that station's fields (upsert).",
})
export class StationInput {
  @Field(() => ID, { description: '机构代码 12-digit police organization code.' })
  code!: string;

  @Field({ description: '名称 Full name, at most 100 characters.' })
  name!: string;

  @Field(() => ID, { description: '所属县级区划代码 Its current county (a COUNTY division code).' })
  divisionCode!: string;

  @Field({ description: '地址 Postal address, at most 200 characters.' })
  address!: string;

  @Field(() => String, { nullable: true, description: '品牌 Its brand, if any.' })
  brand?: string | null;

  @Field(() => CreationStatus, { description: '创建状态 Its stage in the creation campaign.' })
  creationStatus!: CreationStatus;

  @Field(() => Int, {
    description: `警力 Number of officers, 0 to ${STATION_BOUNDS.officers.toLocaleString('en')}.`,
  })
  officers!: number;

  @Field(() => Int, {
    description: `辖区人口 Population of its jurisdiction, 0 to ${STATION_BOUNDS.population.toLocaleString('en')}.`,
  })
  population!: number;

  @Field(() => Int, {
    description: `平安类社会组织数 Safety-related social organizations, 0 to ${STATION_BOUNDS.socialOrganizations.toLocaleString('en')}.`,
  })
  socialOrganizations!: number;
}
