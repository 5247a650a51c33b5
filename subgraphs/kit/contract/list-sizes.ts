import { Directive } from 'type-graphql';

/**
 * The sizes the cost estimate (platform/cost.ts) assumes for the lists several subgraphs serve,
 * taken from what the lists really hold: the estimate is only as good as these.
 */

/** The stations of the largest scope: Zhejiang, the province, had 1,178 in 2019. */
export const STATIONS_IN_SCOPE = 1200;

/** The most divisions directly under one: 杭州市's 13 counties (the province has 11 cities). */
export const DIVISIONS_UNDER_ONE = 15;

/**
 * What one station's statistics cost, as against the 1 of an object: the gateway fetches them
 * from the department per station, which sums its records for the period and its baseline.
 * A page of 1,000 stations' statistics from the three departments then costs some 30,000 (a
 * drill-down screen, one station, 30): measured, 20 such pages ran past the gateway's deadline.
 */
export const STATISTICS_WEIGHT = 10;

/** `@cost`: what a field costs instead of the 1 of an object (platform/cost.ts). */
export function cost(weight: number) {
  return Directive(`@cost(weight: ${weight})`);
}

/**
 * The entries of one record's history: an insert, then a correction or two; a record that is
 * withdrawn and restored a few times stays well under this.
 */
export const CHANGES_PER_RECORD = 10;

/** The fields one change touches: every field of the widest record kind (a dispute: 6). */
export const FIELDS_PER_RECORD = 8;

export interface ListSizeOptions {
  /** The argument that sets the size (`first`), when the client chooses it. */
  slicingArgument?: string;
  /** The fields of the returned object that hold the list (a connection's `edges`). */
  sizedFields?: string[];
}

/**
 * `@listSize`: how many items a list field returns at most, or which argument says so. Goes on
 * the field (or field resolver) of the subgraph that resolves it; composition carries it into
 * the supergraph, where the gateway reads it.
 */
export function listSize(assumedSize: number, options: ListSizeOptions = {}) {
  const { slicingArgument, sizedFields } = options;
  const args = [`assumedSize: ${assumedSize}`];
  if (slicingArgument) {
    args.push(`slicingArguments: ["${slicingArgument}"]`, 'requireOneSlicingArgument: false');
  }
  if (sizedFields) args.push(`sizedFields: [${sizedFields.map((f) => `"${f}"`).join(', ')}]`);
  return Directive(`@listSize(${args.join(', ')})`);
}
