import { Field, Float, InputType, Int } from 'type-graphql';
import type { Department } from '../enums';
import { DepartmentEnum, ScoringDirectionEnum, ScoringMethodEnum, ShortSampleEnum } from '../enums';
import type { ScoringDirection, ScoringMethod, ShortSample } from '../scoring/rules';
import { SCHEME_ITEMS } from '../live/department-fields';

const KEY = { description: '指标键 A key from the indicator catalog, e.g. cases.homicides.' };
const DEPARTMENT = { description: '部门 The department that publishes that key.' };

@InputType({ description: '考核指标 One indicator to score, and how.' })
export class SchemeIndicatorInput {
  @Field(KEY)
  key!: string;

  @Field(() => DepartmentEnum, DEPARTMENT)
  department!: Department;

  @Field(() => Float, {
    description:
      '权重 Points it is worth (more than 0, at most 2 decimals); the weights sum to 100.',
  })
  weight!: number;

  @Field(() => ScoringMethodEnum, {
    description: '计分方法 YOY for a COUNT indicator, RATE for a RATE indicator.',
  })
  method!: ScoringMethod;

  @Field(() => ScoringDirectionEnum, {
    description: '方向 Which way is better; for RATE, HIGHER exactly when fullAt > zeroAt.',
  })
  direction!: ScoringDirection;

  @Field(() => Float, {
    description:
      '满分线 The change (YOY, -10 to 10) or rate (RATE, 0 to 1) earning the full weight; 4 decimals at most.',
  })
  fullAt!: number;

  @Field(() => Float, {
    description:
      '零分线 The change (YOY, -10 to 10) or rate (RATE, 0 to 1) earning nothing; not fullAt.',
  })
  zeroAt!: number;

  @Field(() => Int, {
    nullable: true,
    description: '最小样本 RATE only, required there: the fewest records (1 to 100,000).',
  })
  minSample?: number | null;

  @Field(() => ShortSampleEnum, {
    nullable: true,
    description: '样本不足时 RATE only, required there: how a short sample scores.',
  })
  whenShort?: ShortSample | null;

  @Field(() => Int, {
    nullable: true,
    description:
      '最小基数 YOY only, optional (1 to 100,000): the change is measured against ' +
      'max(baseline, minBase), so one record moves it by at most 1 ÷ minBase.',
  })
  minBase?: number | null;
}

@InputType({ description: '扣分项 Points off the total for each event of a COUNT indicator.' })
export class SchemeDeductionInput {
  @Field(KEY)
  key!: string;

  @Field(() => DepartmentEnum, DEPARTMENT)
  department!: Department;

  @Field(() => Float, {
    description: '每次扣分 Points per event (more than 0, at most 100, at most 2 decimals).',
  })
  pointsEach!: number;
}

@InputType({ description: '一票否决项 A COUNT indicator any event of which fails the station.' })
export class SchemeVetoInput {
  @Field(KEY)
  key!: string;

  @Field(() => DepartmentEnum, DEPARTMENT)
  department!: Department;
}

@InputType({
  description:
    '考核方案 A whole scheme to publish as the next version of its name. It is checked whole ' +
    'and stored whole, or refused (BAD_USER_INPUT) with nothing stored.',
})
export class AssessmentSchemeInput {
  @Field({
    description:
      '方案名 Lower-case letters, digits and hyphens, starting with a letter (e.g. fengqiao-2019).',
  })
  name!: string;

  @Field({ description: '标题 Its title (at most 100 characters).' })
  title!: string;

  @Field(() => [SchemeIndicatorInput], {
    description: `计分指标 1 to ${SCHEME_ITEMS} indicators, keys unique, weights summing to 100.`,
  })
  indicators!: SchemeIndicatorInput[];

  @Field(() => [SchemeDeductionInput], {
    defaultValue: [],
    description: `扣分项 Deductions, at most ${SCHEME_ITEMS}, keys unique.`,
  })
  deductions!: SchemeDeductionInput[];

  @Field(() => [SchemeVetoInput], {
    defaultValue: [],
    description: `一票否决项 Vetoes, at most ${SCHEME_ITEMS}, keys unique.`,
  })
  vetoes!: SchemeVetoInput[];
}
