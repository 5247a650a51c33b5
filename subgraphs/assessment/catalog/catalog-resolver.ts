import { Authorized, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { CatalogIndicator, INDICATORS_PER_DEPARTMENT } from '../../kit/contract/indicator-catalog';
import { listSize } from '../../kit/contract/list-sizes';
import type { AssessmentContext } from '../loaders';
import { DEPARTMENT_COUNT } from '../live/department-fields';
import { DepartmentEnum, type Department } from '../enums';
import { learnCatalogs } from './indicator-catalogs';

@ObjectType({
  description:
    '部门指标目录 One department of the registry and the indicators it publishes for the board.',
})
export class DepartmentIndicators {
  @Field(() => DepartmentEnum, { description: '部门 The department.' })
  department!: Department;

  @Field({ description: '部门名称 Its name on the screen and in exports, e.g. 刑侦治安.' })
  label!: string;

  @Field({ description: "目录版本 Its catalog's version: changes whenever any indicator does." })
  version!: string;

  @listSize(INDICATORS_PER_DEPARTMENT)
  @Field(() => [CatalogIndicator], {
    description: '指标 The indicators schemes may score, deduct or veto, in its order.',
  })
  indicators!: CatalogIndicator[];
}

@Resolver()
export class CatalogResolver {
  @Authorized()
  @listSize(DEPARTMENT_COUNT)
  @Query(() => [DepartmentIndicators], {
    description:
      "指标目录 Every department's indicator catalog, in the board's order, as each department " +
      'serves it now (through the graph). DEPARTMENT_UNAVAILABLE when a department cannot answer.',
  })
  async indicatorCatalog(@Ctx() { graph }: AssessmentContext): Promise<DepartmentIndicators[]> {
    const { departments } = await learnCatalogs(graph);
    return departments.map(({ entry, version, indicators }) => ({
      department: entry.enum,
      label: entry.label,
      version,
      indicators,
    }));
  }
}
