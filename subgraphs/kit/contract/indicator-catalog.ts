import { createHash } from 'node:crypto';
import {
  Authorized,
  Directive,
  Field,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
  type ClassType,
} from 'type-graphql';
import { indicatorKey, type IndicatorKind, type Indicators } from '../figures/indicators';
import { listSize } from './list-sizes';

/**
 * A department's indicator catalog, served as part of the department contract: what its board
 * field may carry (keys, labels, kinds, the figures each reads) under a version that changes
 * whenever any of it does. The assessors' subgraph reads every catalog through the gateway to
 * check a scheme before publishing it, so a department adds an indicator without a release of
 * the assessment. The types are @shareable: every department and the assessors declare them alike.
 */
const IndicatorKindEnum = {
  COUNT: 'COUNT',
  RATE: 'RATE',
} as const satisfies Record<IndicatorKind, IndicatorKind>;

registerEnumType(IndicatorKindEnum, {
  name: 'IndicatorKind',
  description: '指标类型 What an indicator measures.',
  valuesConfig: {
    COUNT: { description: '计数 A number of records (or a sum over them, such as deaths).' },
    RATE: { description: '比率 A share in [0, 1] of a sample of records.' },
  },
});

@Directive('@shareable')
@ObjectType({ description: '指标 One indicator a department publishes for the board.' })
export class CatalogIndicator {
  @Field({ description: '指标键 `<department>.<figure>`, e.g. cases.criminalSolved.' })
  key!: string;

  @Field({ description: '指标名称 Its Chinese name, e.g. 刑事案件破案数.' })
  label!: string;

  @Field(() => IndicatorKindEnum, { description: '指标类型 A count or a rate.' })
  kind!: IndicatorKind;

  @Field(() => [String], {
    description:
      "读取的数值 The figures of the department's statistics it reads: a count's one figure, " +
      "a rate's part then the whole (its sample).",
  })
  reads!: string[];
}

/** The most indicators one department publishes, for the cost estimate. */
export const INDICATORS_PER_DEPARTMENT = 20;

@Directive('@shareable')
@ObjectType({ description: '指标目录 The indicators one department publishes for the board.' })
export class IndicatorCatalog {
  @Field({ description: '部门 The department: its name in the registry, e.g. cases.' })
  department!: string;

  @Field({
    description:
      '版本 Changes whenever any indicator is added, removed or changed: a reader keeps what it ' +
      'learnt of a version.',
  })
  version!: string;

  @listSize(INDICATORS_PER_DEPARTMENT)
  @Field(() => [CatalogIndicator], { description: '指标 Every indicator, in the order declared.' })
  indicators!: CatalogIndicator[];
}

/** A department's declared indicators as its catalog lists them. */
export function catalogIndicators<F>(department: string, indicators: Indicators<F>) {
  return Object.entries(indicators).map(([figure, { label, kind, reads }]) => ({
    key: indicatorKey(department, figure),
    label,
    kind,
    reads: 'figure' in reads ? [reads.figure] : [reads.share, reads.of],
  }));
}

/** The catalog's version: a digest of everything it says, so it changes when any of it does. */
export function catalogVersion(indicators: readonly CatalogIndicator[]): string {
  return createHash('sha256').update(JSON.stringify(indicators)).digest('hex').slice(0, 16);
}

/** The department's catalog as the Query field the registry names (e.g. caseIndicatorCatalog). */
export function catalogResolver<F>(
  field: string,
  department: string,
  indicators: Indicators<F>,
): ClassType {
  const listed = catalogIndicators(department, indicators);
  const catalog: IndicatorCatalog = {
    department,
    version: catalogVersion(listed),
    indicators: listed,
  };
  @Resolver()
  class CatalogResolver {
    @Authorized()
    @Query(() => IndicatorCatalog, {
      name: field,
      description:
        `指标目录 The indicators the ${department} department publishes for the board (` +
        `${department}.*), which schemes may score, deduct or veto.`,
    })
    catalog(): IndicatorCatalog {
      return catalog;
    }
  }
  return CatalogResolver;
}
