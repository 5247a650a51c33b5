import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { BoardKey, StationRef } from '../../kit/contract/board-contract';
import { listSize, STATIONS_IN_SCOPE } from '../../kit/contract/list-sizes';
import { PageInfo } from '../../kit/contract/connection';
import { SCHEME_ITEMS, DEPARTMENT_COUNT } from '../live/department-fields';
import { GradeEnum } from '../enums';
import { Station } from '../live/board-references';
import { DeductionScore, DepartmentScore, IndicatorScore, VetoScore } from '../live/assessment-row';
import type { Grade } from '../scoring/grade';

/**
 * What a published row stores for the ranking view: its place, its station as it was, its
 * total, grade, vetoes and department scores. Its indicators and deductions are stored beside
 * it (PublishedDetail) and read only when a request asks for them: an export needs them, a
 * ranking view does not, and they are four fifths of a row.
 */
export interface PublishedLine {
  rank: number;
  stationCode: string;
  stationName: string;
  divisionCode: string;
  total: number;
  grade: Grade;
  vetoed: boolean;
  vetoes: string[];
  departments: DepartmentScore[];
}

export interface PublishedDetail {
  indicators: IndicatorScore[];
  deductions: DeductionScore[];
  /** Absent on boards published before the counts were kept. */
  vetoCounts?: VetoScore[];
}

/** Every field is a stored value: plain properties, as the live board's rows (see ../live/assessment-row.ts). */
const PLAIN_FIELDS = { simpleResolvers: true } as const;

@ObjectType({
  description:
    '已发布结果 One station on a published board: exactly what the live board answered when it ' +
    "was published, and where the station stood on the previous period's board.",
  ...PLAIN_FIELDS,
})
export class PublishedRow {
  @Field(() => Int, { description: '名次 Its rank on this revision (competition ranking).' })
  rank!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      "上期名次 Its rank on the newest revision of the previous period's board of the same " +
      'scope and scheme name (2019-Q2 → 2019-Q1, 2019-H1 → 2018-H2, 2019-05 → 2019-04, ' +
      '2019 → 2018); null when there is none or the station was not on it.',
  })
  previousRank!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      '名次变化 previousRank − rank: positive when it moved up; null without previousRank.',
  })
  rankChange!: number | null;

  @Field(() => Station, { description: '派出所 The station (its current registry entry).' })
  station!: StationRef;

  @Field({ description: "名称 The station's name as the registry gave it at publication." })
  stationName!: string;

  @Field(() => ID, { description: '所属县级区划代码 Its county at publication.' })
  divisionCode!: string;

  @Field(() => Float, { description: '总分 Its total, to the cent.' })
  total!: number;

  @Field(() => GradeEnum, { description: '等次 Its grade; FAIL when vetoed.' })
  grade!: Grade;

  @Field({ description: '一票否决 Whether a veto failed it whatever its total.' })
  vetoed!: boolean;

  @listSize(SCHEME_ITEMS)
  @Field(() => [String], { description: '否决项 The keys of the vetoes it triggered.' })
  vetoes!: string[];

  @listSize(DEPARTMENT_COUNT)
  @Field(() => [DepartmentScore], { description: '部门得分 Per department, in enum order.' })
  departments!: DepartmentScore[];

  @listSize(SCHEME_ITEMS)
  @Field(() => [IndicatorScore], {
    description: '指标得分 Every indicator of the scheme, in its order, as published.',
  })
  indicators!: IndicatorScore[];

  @listSize(SCHEME_ITEMS)
  @Field(() => [DeductionScore], {
    description: '扣分 Every deduction of the scheme, as published.',
  })
  deductions!: DeductionScore[];

  @listSize(SCHEME_ITEMS)
  @Field(() => [VetoScore], {
    description:
      '否决核查 Every veto of the scheme with its count, as published; empty on a board ' +
      'published before the counts were kept.',
  })
  vetoCounts!: VetoScore[];

  /** The board it is a row of, which its appeals are read by (not a field). */
  board!: BoardKey;
}

@ObjectType({ description: '已发布结果分页项 A published row and its cursor.', ...PLAIN_FIELDS })
export class PublishedRowEdge {
  @Field({ description: 'Opaque cursor of this row in rank order.' })
  cursor!: string;

  @Field(() => PublishedRow, { description: '已发布结果 The row.' })
  node!: PublishedRow;
}

@ObjectType({
  description:
    "已发布结果列表 A page of a published board's rows, in rank order (Relay connection).",
  ...PLAIN_FIELDS,
})
export class PublishedRowConnection {
  @listSize(STATIONS_IN_SCOPE)
  @Field(() => [PublishedRowEdge], { description: 'The rows of this page with their cursors.' })
  edges!: PublishedRowEdge[];

  @Field(() => PageInfo, { description: 'Where this page stands in the whole list.' })
  pageInfo!: PageInfo;

  @Field(() => Int, {
    description: '总数 Rows that match the filters (division, grade), across all pages.',
  })
  totalCount!: number;
}
