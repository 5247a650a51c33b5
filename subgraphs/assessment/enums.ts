import { registerEnumType } from 'type-graphql';
import { DEPARTMENT_REGISTRY } from '../kit/service/registry';
import { GRADE_FLOORS, type Grade } from './scoring/grade';
import type { ScoringDirection, ScoringMethod, ShortSample } from './scoring/rules';

/**
 * The scoring engine's vocabularies as GraphQL enums. Each is a plain object whose values are
 * the engine's own string literals, so resolvers pass the engine's results through unchanged.
 */

/** A department as the Department enum and the stored schemes name it: its registry value, e.g. CASES. */
export type Department = string;

/** The Department enum: one value per department of the registry (departments.json). */
export const DepartmentEnum: Record<Department, Department> = Object.fromEntries(
  DEPARTMENT_REGISTRY.map((d) => [d.enum, d.enum]),
);

registerEnumType(DepartmentEnum, {
  name: 'Department',
  description: '部门 The department that publishes an indicator.',
  valuesConfig: Object.fromEntries(
    DEPARTMENT_REGISTRY.map((d) => [d.enum, { description: d.description }]),
  ),
});

export const ScoringMethodEnum = {
  YOY: 'YOY',
  RATE: 'RATE',
} as const satisfies Record<ScoringMethod, ScoringMethod>;

registerEnumType(ScoringMethodEnum, {
  name: 'ScoringMethod',
  description: '计分方法 How an indicator earns its points.',
  valuesConfig: {
    YOY: { description: '同比 A count judged by its change on the same period a year earlier.' },
    RATE: { description: '比率 A rate judged by its level in the period.' },
  },
});

export const ScoringDirectionEnum = {
  HIGHER: 'HIGHER',
  LOWER: 'LOWER',
} as const satisfies Record<ScoringDirection, ScoringDirection>;

registerEnumType(ScoringDirectionEnum, {
  name: 'ScoringDirection',
  description: '指标方向 Which way an indicator is better.',
  valuesConfig: {
    HIGHER: { description: '越高越好 More is better (破案数, 安全感).' },
    LOWER: { description: '越低越好 Fewer is better (命案, 死亡人数).' },
  },
});

export const ShortSampleEnum = {
  FULL: 'FULL',
  ZERO: 'ZERO',
  FILL: 'FILL',
} as const satisfies Record<ShortSample, ShortSample>;

registerEnumType(ShortSampleEnum, {
  name: 'ShortSample',
  description: '样本不足 How a rate whose sample is below minSample scores.',
  valuesConfig: {
    FULL: { description: '满分 The full weight (note NO_DATA): nothing to judge, nothing lost.' },
    ZERO: { description: '零分 No points (note INSUFFICIENT_SAMPLE): too few answers to trust.' },
    FILL: {
      description:
        '补足 The rate filled to minSample with records at fullAt (note FILLED): fullAt + ' +
        '(rate − fullAt) × sample ÷ minSample, so one record moves it by at most 1 ÷ minSample.',
    },
  },
});

export const GradeEnum = {
  EXCELLENT: 'EXCELLENT',
  GOOD: 'GOOD',
  PASS: 'PASS',
  FAIL: 'FAIL',
} as const satisfies Record<Grade, Grade>;

const floorOf = (grade: Grade) => GRADE_FLOORS.find(([, g]) => g === grade)?.[0] ?? 0;

registerEnumType(GradeEnum, {
  name: 'Grade',
  description: '考核等次 The grade of a total.',
  valuesConfig: {
    EXCELLENT: { description: `优秀 A total of ${floorOf('EXCELLENT')} or more.` },
    GOOD: { description: `良好 A total of ${floorOf('GOOD')} or more.` },
    PASS: { description: `合格 A total of ${floorOf('PASS')} or more.` },
    FAIL: {
      description: `不合格 A total below ${floorOf('PASS')}, or vetoed (一票否决) whatever the total.`,
    },
  },
});
