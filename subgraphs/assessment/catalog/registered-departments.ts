import { Authorized, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { listSize } from '../../kit/contract/list-sizes';
import { DEPARTMENT_REGISTRY } from '../../kit/service/registry';
import { DEPARTMENT_COUNT } from '../live/department-fields';
import { DepartmentEnum, type Department } from '../enums';

@ObjectType({
  description:
    '登记部门 A department of the registry: how the board, the errors and the screen name it.',
})
export class RegisteredDepartment {
  @Field(() => DepartmentEnum, { description: '部门 Its value of the Department enum.' })
  department!: Department;

  @Field({
    description:
      '子图 Its subgraph, as SUBGRAPH_UNAVAILABLE names it (`extensions.subgraph`), e.g. traffic.',
  })
  name!: string;

  @Field({ description: '部门名称 Its name on the screen and in exports, e.g. 交警.' })
  label!: string;
}

const REGISTERED: RegisteredDepartment[] = DEPARTMENT_REGISTRY.map((d) => ({
  department: d.enum,
  name: d.name,
  label: d.label,
}));

@Resolver()
export class RegisteredDepartmentsResolver {
  @Authorized()
  @listSize(DEPARTMENT_COUNT)
  @Query(() => [RegisteredDepartment], {
    description:
      "登记部门 Every department of the registry, in the board's order: read from the registry " +
      'alone, so it answers while a department is down (the screen labels its columns and ' +
      'names a missing department with it).',
  })
  departments(): RegisteredDepartment[] {
    return REGISTERED;
  }
}
