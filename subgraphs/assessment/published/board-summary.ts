import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { Department } from '../enums';
import { listSize } from '../../kit/contract/list-sizes';
import { DEPARTMENT_COUNT } from '../live/department-fields';
import { DepartmentEnum, GradeEnum } from '../enums';
import { GRADE_FLOORS, type Grade } from '../scoring/grade';
import type { PublishedLine } from './published-row';

/** Grades best first, as the scheme's floors order them, FAIL last. */
const GRADES: readonly Grade[] = [...GRADE_FLOORS.map(([, grade]) => grade), 'FAIL'];
/** The counties of the largest scope (Zhejiang has 90 county-level divisions). */
const COUNTIES_IN_SCOPE = 100;

@ObjectType({ description: '等次人数 How many stations of a board got one grade.' })
export class GradeCount {
  @Field(() => GradeEnum, { description: '等次 The grade.' })
  grade!: Grade;

  @Field(() => Int, { description: '派出所数 Stations with it.' })
  count!: number;
}

@ObjectType({ description: "部门平均分 One department's mean score over a board's stations." })
export class DepartmentMean {
  @Field(() => DepartmentEnum, { description: '部门 The department.' })
  department!: Department;

  @Field(() => Float, { description: '平均得分 The mean of its scores, to the cent.' })
  mean!: number;

  @Field(() => Float, { description: "满分 The sum of its indicators' weights." })
  max!: number;
}

@ObjectType({ description: '县级汇总 One county of a board: its stations, mean total and grades.' })
export class DivisionSummary {
  @Field(() => ID, { description: '区划代码 The county, as it was when the board was published.' })
  divisionCode!: string;

  @Field(() => Int, { description: '派出所数 Its stations on the board.' })
  stations!: number;

  @Field(() => Float, { description: '平均总分 The mean of their totals, to the cent.' })
  meanTotal!: number;

  @listSize(GRADES.length)
  @Field(() => [GradeCount], { description: '等次分布 Stations per grade, best grade first.' })
  byGrade!: GradeCount[];
}

@ObjectType({
  description:
    '榜单概况 A published board in figures: its stations, grades, vetoes, mean and median ' +
    "totals, each department's mean and each county's line.",
})
export class BoardSummary {
  @Field(() => Int, { description: '派出所数 Stations on the board.' })
  stations!: number;

  @listSize(GRADES.length)
  @Field(() => [GradeCount], { description: '等次分布 Stations per grade, best grade first.' })
  byGrade!: GradeCount[];

  @Field(() => Int, { description: '一票否决数 Stations a veto failed.' })
  vetoed!: number;

  @Field(() => Float, { description: '平均总分 The mean total, to the cent.' })
  meanTotal!: number;

  @Field(() => Float, {
    description: '总分中位数 The median total (the mean of the middle two for an even count).',
  })
  medianTotal!: number;

  @listSize(DEPARTMENT_COUNT)
  @Field(() => [DepartmentMean], { description: '部门平均分 Per department, in board order.' })
  departments!: DepartmentMean[];

  @listSize(COUNTIES_IN_SCOPE)
  @Field(() => [DivisionSummary], { description: '县级汇总 Per county, by code.' })
  divisions!: DivisionSummary[];
}

/** Totals are whole cents: means and medians are made in cents and rounded to the cent. */
const cents = (total: number) => Math.round(total * 100);
const meanOf = (values: readonly number[]) =>
  values.length === 0
    ? 0
    : Math.round(values.reduce((sum, v) => sum + cents(v), 0) / values.length) / 100;

function medianOf(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = values.map(cents).sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] ?? 0)
      : Math.round(((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2);
  return median / 100;
}

function byGrade(lines: readonly PublishedLine[]): GradeCount[] {
  return GRADES.map((grade) => ({
    grade,
    count: lines.filter((line) => line.grade === grade).length,
  }));
}

/** The summary of a board's lines: computed once, when the board is published. */
export function summarize(lines: readonly PublishedLine[]): BoardSummary {
  const departments = (lines[0]?.departments ?? []).map(({ department, max }) => ({
    department,
    max,
    mean: meanOf(
      lines.map((line) => line.departments.find((d) => d.department === department)?.score ?? 0),
    ),
  }));
  const counties = new Map<string, PublishedLine[]>();
  for (const line of lines) {
    const county = counties.get(line.divisionCode) ?? [];
    county.push(line);
    counties.set(line.divisionCode, county);
  }
  return {
    stations: lines.length,
    byGrade: byGrade(lines),
    vetoed: lines.filter((line) => line.vetoed).length,
    meanTotal: meanOf(lines.map((line) => line.total)),
    medianTotal: medianOf(lines.map((line) => line.total)),
    departments,
    divisions: [...counties]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([divisionCode, own]) => ({
        divisionCode,
        stations: own.length,
        meanTotal: meanOf(own.map((line) => line.total)),
        byGrade: byGrade(own),
      })),
  };
}
