import type { GraphQLError } from 'graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { badUserInput, show } from '../../../platform/errors';
import { listSize } from '../../kit/contract/list-sizes';
import { SCHEME_ITEMS } from '../live/department-fields';
import {
  DepartmentEnum,
  ScoringDirectionEnum,
  ScoringMethodEnum,
  ShortSampleEnum,
  type Department,
} from '../enums';
import type {
  DeductionRule,
  IndicatorRule,
  SchemeRules,
  ScoringDirection,
  ScoringMethod,
  ShortSample,
  VetoRule,
} from '../scoring/rules';

/**
 * A scheme as stored and served: the scoring engine's rules plus what identifies the version.
 * Each rule's label is the department catalog's when the scheme was published, kept with it.
 */
export interface Scheme extends SchemeRules {
  id: string;
  name: string;
  version: number;
  title: string;
  publishedAt: Date;
  publishedBy: string;
  indicators: IndicatorRule[];
  deductions: DeductionRule[];
  vetoes: VetoRule[];
}

/** A scheme id is `<name>@<version>`, e.g. fengqiao-2019@1 (the name as the table checks it). */
const SCHEME_ID = /^[a-z][a-z0-9-]{0,62}[a-z0-9]@[1-9][0-9]{0,8}$/;

export function assertSchemeId(value: string, field: string): string {
  if (!SCHEME_ID.test(value)) {
    throw badUserInput(
      `${field} ${show(value)} is not a scheme id (<name>@<version>, e.g. fengqiao-2019@1)`,
      { field, value },
    );
  }
  return value;
}

/**
 * No scheme was published under the id: a board asked for it, or a representation the sender
 * wrote names it (straight to the subgraph, `schemeId` is theirs).
 */
export function unknownScheme(schemeId: string | null | undefined): GraphQLError {
  return badUserInput(
    `schemeId ${show(schemeId)} is not a published scheme (see assessmentSchemes)`,
    { field: 'schemeId', value: schemeId ?? null },
  );
}

const KEY = {
  description: '指标键 The indicator, as a department publishes it (e.g. cases.homicides).',
};
const LABEL = {
  description: "名称 Its name in its department's indicator catalog when the scheme was published.",
};
const DEPARTMENT = { description: '部门 The department that publishes it.' };

@ObjectType({ description: '考核指标 One indicator a scheme scores, and how it earns points.' })
export class SchemeIndicator {
  @Field(KEY)
  key!: string;

  @Field(LABEL)
  label!: string;

  @Field(() => DepartmentEnum, DEPARTMENT)
  department!: Department;

  @Field(() => Float, {
    description: "权重 The points it is worth; a scheme's weights sum to 100.",
  })
  weight!: number;

  @Field(() => ScoringMethodEnum, { description: '计分方法 YOY on a count, RATE on a rate.' })
  method!: ScoringMethod;

  @Field(() => ScoringDirectionEnum, {
    description:
      '方向 Which way is better. For YOY it signs the change; for RATE it says whether fullAt ' +
      'lies above zeroAt (HIGHER) or below (LOWER).',
  })
  direction!: ScoringDirection;

  @Field(() => Float, {
    description:
      '满分线 YOY: the change, signed so that better is positive, that earns the full weight ' +
      '(0.10 = +10%). RATE: the rate that does (0.98).',
  })
  fullAt!: number;

  @Field(() => Float, {
    description:
      '零分线 The change (YOY) or rate (RATE) at which nothing is earned; points run in a ' +
      'straight line between zeroAt and fullAt.',
  })
  zeroAt!: number;

  @Field(() => Int, {
    nullable: true,
    description: '最小样本 RATE only: the fewest records the rate must rest on.',
  })
  minSample!: number | null;

  @Field(() => ShortSampleEnum, {
    nullable: true,
    description: '样本不足时 RATE only: how a rate on fewer than minSample records scores.',
  })
  whenShort!: ShortSample | null;

  @Field(() => Int, {
    nullable: true,
    description:
      '最小基数 YOY only: the change is (current − baseline) ÷ max(baseline, minBase), noted ' +
      'SMALL_BASE below it; null: the plain change, with the ZERO_BASELINE and NONE rules.',
  })
  minBase!: number | null;
}

@ObjectType({ description: '扣分项 Points taken off the total for each event counted.' })
export class SchemeDeduction {
  @Field(KEY)
  key!: string;

  @Field(LABEL)
  label!: string;

  @Field(() => DepartmentEnum, DEPARTMENT)
  department!: Department;

  @Field(() => Float, { description: '每次扣分 The points each event takes off.' })
  pointsEach!: number;
}

@ObjectType({ description: '一票否决项 An event that fails a station whatever its score.' })
export class SchemeVeto {
  @Field(KEY)
  key!: string;

  @Field(LABEL)
  label!: string;

  @Field(() => DepartmentEnum, DEPARTMENT)
  department!: Department;
}

@ObjectType({
  description:
    '考核方案 One published version of a scoring scheme. Versions are never changed: a change ' +
    'is a new version under the same name.',
})
export class AssessmentScheme {
  @Field(() => ID, { description: '方案编号 `<name>@<version>`, e.g. fengqiao-2019@1.' })
  id!: string;

  @Field({ description: '方案名 The scheme every version of it shares, e.g. fengqiao-2019.' })
  name!: string;

  @Field(() => Int, { description: '版本 1 for the first publication of the name, then 2, 3, …' })
  version!: number;

  @Field({ description: '标题 Its title, e.g. 枫桥式派出所平安考核.' })
  title!: string;

  @Field(() => GraphQLDateTimeISO, { description: '发布时间 When this version was published.' })
  publishedAt!: Date;

  @Field({
    description: '发布人 Who published it (the token subject; `migration` for built-in ones).',
  })
  publishedBy!: string;

  @listSize(SCHEME_ITEMS)
  @Field(() => [SchemeIndicator], {
    description: '计分指标 The indicators scored, in board order.',
  })
  indicators!: SchemeIndicator[];

  @listSize(SCHEME_ITEMS)
  @Field(() => [SchemeDeduction], { description: '扣分项 The deductions.' })
  deductions!: SchemeDeduction[];

  @listSize(SCHEME_ITEMS)
  @Field(() => [SchemeVeto], { description: '一票否决项 The vetoes.' })
  vetoes!: SchemeVeto[];
}
