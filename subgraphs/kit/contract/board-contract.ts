import { Directive, Field, Float, ID, Int, ObjectType, type ClassType } from 'type-graphql';
import { codedError } from '../../../platform/errors';
import { indicatorKey, type Indicators } from '../figures/indicators';
import { listSize } from './list-sizes';
import { parsePeriod } from '../figures/period';
import { readWithBaseline, type FiguresReader } from '../figures/figures-reader';

/**
 * The shapes a department subgraph shares with the rest of the graph. Each department declares
 * its own `Station` and `AssessmentBoard` (federation joins them by key), made here so every
 * department declares them alike.
 */
export interface StationRef {
  code: string;
}

/** The department's view of a station: its key, which the registry resolves; departments add fields. */
export function stationReference(): ClassType<StationRef> {
  @Directive('@key(fields: "code")')
  @ObjectType('Station', {
    description: '派出所 A police station, keyed by its 12-digit organization code.',
  })
  class Station implements StationRef {
    @Field(() => ID, { description: '机构代码 12-digit police organization code.' })
    code!: string;
  }
  return Station;
}

/**
 * The key of an assessment board, declared alike by every subgraph that contributes to it
 * (`@key(fields: "scope period schemeId")` on each subclass).
 */
@ObjectType()
export abstract class BoardKey {
  @Field(() => ID, { description: '范围 The scope: a division code or a station code.' })
  scope!: string;

  @Field({ description: '考核期 The period assessed.' })
  period!: string;

  @Field(() => ID, { description: '考核方案 The scheme version scored with.' })
  schemeId!: string;
}

export const BOARD_DESCRIPTION =
  '考核榜单 A board of the 平安考核: every station of a scope scored for a period.';

export interface BoardRef extends BoardKey {
  stations: StationRef[];
}

/**
 * The department's view of an assessment board: its key and the registry's stations in scope
 * (`@external`, fetched by the gateway from the stations subgraph), which the department's
 * indicators field `@requires`.
 */
export function boardReference(station: ClassType<StationRef>): ClassType<BoardRef> {
  @Directive('@key(fields: "scope period schemeId")')
  @ObjectType('AssessmentBoard', { description: BOARD_DESCRIPTION })
  class AssessmentBoard extends BoardKey implements BoardRef {
    @Directive('@external')
    @Field(() => [station], {
      description: '参评派出所 The stations of the scope (from the registry).',
    })
    stations!: StationRef[];
  }
  return AssessmentBoard;
}

export interface DivisionRef {
  code: string;
  stations: StationRef[];
  /** Its children with their stations, in a representation for `children` only. */
  subdivisions: DivisionRef[];
}

/**
 * The department's view of a division: its key and the registry's stations within it
 * (`@external`, fetched by the gateway from the stations subgraph), which the department's
 * division figures `@requires`: a department never reads the registry's tables.
 */
export function divisionReference(station: ClassType<StationRef>): ClassType<DivisionRef> {
  @Directive('@key(fields: "code")')
  @ObjectType('Division', {
    description:
      '行政区划 A GB/T 2260 administrative division, keyed by its code; the department adds its ' +
      "figures summed over the division's stations.",
  })
  class Division implements DivisionRef {
    @Field(() => ID, { description: '区划代码 6-digit GB/T 2260 code.' })
    code!: string;

    @Directive('@external')
    @Field(() => [station], {
      description: '派出所 The stations whose current county lies within it (from the registry).',
    })
    stations!: StationRef[];

    @Directive('@external')
    @Field(() => [Division], {
      description:
        '下级区划（供部门汇总）The divisions directly under it, with their stations (from the ' +
        "registry), which the department's `children` @requires.",
    })
    subdivisions!: DivisionRef[];
  }
  return Division;
}

/**
 * A province board's department fetch answers ~1,178 stations × their values × 4 fields: read
 * as plain properties, not through the resolver type-graphql would wrap each in (a call, its
 * arguments and resolve info per field, ~30,000 a fetch, and the garbage they leave). That
 * wrapper is also what applies a field's @Authorized, so these types must not have any: who
 * may read a board is checked on the department's board field.
 */
const PLAIN_FIELDS = { simpleResolvers: true } as const;

@Directive('@shareable')
@ObjectType({
  description: '指标值 One indicator of one station: its value now and a year before.',
  ...PLAIN_FIELDS,
})
export class IndicatorValue {
  @Field({ description: '指标键 The indicator, e.g. cases.criminalSolved.' })
  key!: string;

  @Field(() => Float, {
    nullable: true,
    description: '本期值 Its value in the period; for a rate, null without a sample.',
  })
  current!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: '同期值 Its value in the baseline period (同比), same rules.',
  })
  baseline!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: '样本数 For a rate, the records it is a share of in the period; null for a count.',
  })
  sample!: number | null;
}

/** A department's indicators for one station; each department has its type (below). */
@ObjectType(PLAIN_FIELDS)
export abstract class StationIndicators {
  @Field(() => ID, { description: '机构代码 The station.' })
  stationCode!: string;

  /** Declared by each department's type, sized by what that department publishes. */
  abstract values: IndicatorValue[];
}

/**
 * Refuses an entity representation without a field the resolver @requires, or with null in
 * one that cannot be null (`nullable` lists those that can: a department that failed). A
 * router that sends such a representation broke the @requires contract, or went on under an
 * entity an error had already nulled; computing from it would answer zeros as if they were
 * figures, so the field is refused with INCOMPLETE_REPRESENTATION naming what is missing.
 */
export function assertRepresentation(
  entity: object,
  required: readonly string[],
  nullable: readonly string[] = [],
): void {
  const fields = entity as Record<string, unknown>;
  const missing = required.filter(
    (field) => fields[field] === undefined || (fields[field] === null && !nullable.includes(field)),
  );
  if (missing.length === 0) return;
  const type = typeof fields.__typename === 'string' ? fields.__typename : 'the entity';
  throw codedError(
    'INCOMPLETE_REPRESENTATION',
    `the router sent ${type} without ${missing.join(', ')}, which this field @requires`,
    { field: missing[0], fields: missing },
  );
}

/**
 * A department's indicators for every station of a board, those of them the board's scheme
 * uses (`used`, by key): the same reader as its statistics, so the whole board costs the
 * department one statement, read for all its stations at once.
 */
export async function boardIndicators<F>(
  board: BoardRef,
  today: string,
  reader: FiguresReader<F>,
  department: string,
  indicators: Indicators<F>,
  used: ReadonlySet<string>,
): Promise<StationIndicators[]> {
  assertRepresentation(board, ['stations']);
  const period = parsePeriod(board.period, today);
  // Only what the board's scheme uses: a board publishes no other figure of a station.
  const keyed = Object.entries(indicators)
    .map(([figure, indicator]) => [indicatorKey(department, figure), indicator] as const)
    .filter(([key]) => used.has(key));
  // A scheme that uses none of the department's indicators costs it no statement.
  if (keyed.length === 0) {
    return board.stations.map(({ code }) => ({ stationCode: code, values: [] }));
  }
  const codes = board.stations.map(({ code }) => code);
  const read = await readWithBaseline(reader, codes, period);
  return codes.map((code) => {
    const current = read.current(code);
    const baseline = read.baseline(code);
    return {
      stationCode: code,
      values: keyed.map(([key, indicator]) => ({
        key,
        current: checkedFloat(key, indicator.value(current)),
        baseline: checkedFloat(key, indicator.value(baseline)),
        sample: checkedInt(key, indicator.sample?.(current) ?? null),
      })),
    };
  });
}

/**
 * The types of a department's board indicators (its own, named `indicatorsType`, and
 * IndicatorValue), whose scalars are what the scalars would serialize them to: the compiled
 * board fetch reads them as they are (compiled-execution.ts). boardIndicators checks the
 * numbers; the station codes are the representation's, refused unless strings
 * (representation-bounds.ts), and the keys are made of the department's names.
 */
export const checkedBoardTypes = (indicatorsType: string): string[] => [
  indicatorsType,
  IndicatorValue.name,
];

/** A value the Float scalar answers as it is: finite, or null. */
function checkedFloat(key: string, value: number | null): number | null {
  if (value !== null && !Number.isFinite(value)) {
    throw new Error(`indicator ${key} = ${value} cannot be answered as a Float`);
  }
  return value;
}

const INT_MAX = 2 ** 31 - 1;

/** A value the Int scalar answers as it is: a 32-bit integer, or null. */
function checkedInt(key: string, value: number | null): number | null {
  if (value !== null && !(Number.isInteger(value) && value <= INT_MAX && value >= -INT_MAX - 1)) {
    throw new Error(`indicator ${key} = ${value} cannot be answered as an Int`);
  }
  return value;
}

/**
 * A department's indicators type, e.g. CaseIndicators: one type per department, alike in shape.
 * A type that several subgraphs return from their @requires fields trips gateways built on
 * graphql-tools' stitching (Hive Gateway: "Multiple canonical definitions"), and a type of its
 * own says whose figures these are. The department sizes its list (`indicatorCount`, for the cost
 * estimate); the assessors, who declare the type again from the registry, do not know its size.
 */
export function indicatorsType(
  name: string,
  description: string,
  indicatorCount?: number,
): ClassType<StationIndicators> {
  // Shareable: the assessment subgraph declares the type too, for its @external fields.
  @Directive('@shareable')
  @ObjectType(name, { description, ...PLAIN_FIELDS })
  class Indicators extends StationIndicators {
    @Field(() => [IndicatorValue], {
      description:
        "指标值 One value per indicator of the department's that the board's scheme uses.",
    })
    values!: IndicatorValue[];
  }
  // Sized per department, so the cost estimate counts the values it really sends.
  if (indicatorCount !== undefined) listSize(indicatorCount)(Indicators.prototype, 'values');
  return Indicators;
}
