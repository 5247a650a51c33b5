import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { Department } from '../enums';
import { listSize } from '../../kit/contract/list-sizes';
import { SCHEME_ITEMS, DEPARTMENT_COUNT } from './department-fields';
import { DepartmentEnum, GradeEnum, ScoringMethodEnum } from '../enums';
import type { StationRef } from '../../kit/contract/board-contract';
import { Station } from './board-references';
import type { Grade } from '../scoring/grade';
import type { Note } from '../scoring/notes';
import type { ScoringMethod } from '../scoring/rules';

/**
 * The scored board as GraphQL types: these classes are also the types the scoring engine
 * (../scoring/station.ts) builds, as plain objects.
 *
 * A province board is ~180,000 of these fields: graphql-js reads each as a plain property,
 * without the resolver type-graphql would wrap it in (~5 % of the rows fetch's CPU). That
 * wrapper is also what applies a field's @Authorized, so these types must not have any:
 * the whole board is open to every signed-in user (LiveBoardResolver checks that).
 */
const PLAIN_FIELDS = { simpleResolvers: true } as const;

const NOTE_VALUES =
  'ZERO_BASELINE (YOY with a baseline of 0), NONE (LOWER and nothing in the period: full ' +
  'points), NO_DATA (RATE sample below minSample, scored FULL), INSUFFICIENT_SAMPLE (scored ' +
  'ZERO), DEPARTMENT_UNAVAILABLE (the department failed: no values, no points)';

@ObjectType({
  description: "部门得分 The points a station earned on one department's indicators.",
  ...PLAIN_FIELDS,
})
export class DepartmentScore {
  @Field(() => DepartmentEnum, { description: '部门 The department.' })
  department!: Department;

  @Field(() => Float, { description: "得分 The sum of its indicators' points." })
  score!: number;

  @Field(() => Float, { description: "满分 The sum of its indicators' weights." })
  max!: number;
}

@ObjectType({ description: '指标得分 One indicator of one station, scored.', ...PLAIN_FIELDS })
export class IndicatorScore {
  @Field({ description: '指标键 The indicator, e.g. cases.homicides.' })
  key!: string;

  @Field({ description: '名称 Its name, e.g. 命案发案数.' })
  label!: string;

  @Field(() => DepartmentEnum, { description: '部门 The department that publishes it.' })
  department!: Department;

  @Field(() => ScoringMethodEnum, { description: '计分方法 YOY or RATE.' })
  method!: ScoringMethod;

  @Field(() => Float, {
    nullable: true,
    description: '本期值 The count in the period, or the rate (4 places); null when there is none.',
  })
  current!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: '同期值 The same a year earlier (同比); null when there is none.',
  })
  baseline!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      '变化 YOY: (current − baseline) ÷ baseline; RATE: current − baseline; 4 places. Null ' +
      'without both values.',
  })
  change!: number | null;

  @Field(() => Float, { description: '得分 Points earned, to the cent.' })
  points!: number;

  @Field(() => Float, { description: '满分 Its weight.' })
  max!: number;

  @Field(() => String, {
    nullable: true,
    description: `说明 Why it scored off the plain formula, else null: ${NOTE_VALUES}.`,
  })
  note!: Note | null;
}

@ObjectType({ description: '扣分 One deduction of one station.', ...PLAIN_FIELDS })
export class DeductionScore {
  @Field({ description: '指标键 The indicator counted, e.g. traffic.majorAccidents.' })
  key!: string;

  @Field({ description: '名称 Its name.' })
  label!: string;

  @Field(() => Int, { description: '次数 Events counted in the period.' })
  count!: number;

  @Field(() => Float, { description: '扣分 Points taken off the total: count × points each.' })
  points!: number;

  @Field(() => String, {
    nullable: true,
    description:
      '说明 DEPARTMENT_UNAVAILABLE when its department failed (then count 0), else null.',
  })
  note!: Note | null;
}

@ObjectType({
  description:
    '否决核查 One veto of the scheme for one station: the events of its indicator in the period ' +
    '(any fails the station).',
  ...PLAIN_FIELDS,
})
export class VetoScore {
  @Field({ description: '指标键 The indicator counted, e.g. traffic.severeAccidents.' })
  key!: string;

  @Field({ description: '名称 Its name.' })
  label!: string;

  @Field(() => Int, { description: '次数 Events counted in the period; 0 when none.' })
  count!: number;

  @Field(() => String, {
    nullable: true,
    description:
      '说明 DEPARTMENT_UNAVAILABLE when its department failed (then count 0), else null.',
  })
  note!: Note | null;
}

@ObjectType({ description: "考核结果 One station's line of the board.", ...PLAIN_FIELDS })
export class AssessmentRow {
  @Field(() => Int, {
    description:
      '名次 Competition rank over (vetoed, total): equal totals share a rank, the next skips (1, 2, 2, 4).',
  })
  rank!: number;

  // Its key only: the gateway asks the registry for its name. Providing the name would save that
  // fetch, but a peer planner drops it (bench/peer-bugs/hive-stitching-provides.md).
  @Field(() => Station, { description: '派出所 The station.' })
  station!: StationRef;

  @Field(() => Float, {
    description:
      '总分 max(0, Σ points − Σ deductions), to the cent; the sums add the rounded points.',
  })
  total!: number;

  @Field(() => GradeEnum, { description: '等次 From the total; FAIL when vetoed.' })
  grade!: Grade;

  @Field({ description: '一票否决 Whether a veto failed the station whatever its total.' })
  vetoed!: boolean;

  @listSize(SCHEME_ITEMS)
  @Field(() => [String], { description: '否决项 The keys of the vetoes it triggered.' })
  vetoes!: string[];

  @listSize(DEPARTMENT_COUNT)
  @Field(() => [DepartmentScore], { description: '部门得分 Per department, in enum order.' })
  departments!: DepartmentScore[];

  @listSize(SCHEME_ITEMS)
  @Field(() => [IndicatorScore], {
    description: '指标得分 Every indicator of the scheme, in its order.',
  })
  indicators!: IndicatorScore[];

  @listSize(SCHEME_ITEMS)
  @Field(() => [DeductionScore], { description: '扣分 Every deduction of the scheme.' })
  deductions!: DeductionScore[];

  @listSize(SCHEME_ITEMS)
  @Field(() => [VetoScore], {
    description: '否决核查 Every veto of the scheme with its count in the period.',
  })
  vetoCounts!: VetoScore[];
}
