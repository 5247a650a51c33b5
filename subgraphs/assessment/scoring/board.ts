import { ValueIndex, type DepartmentValues } from './values';
import { rankRows } from './rank';
import type { SchemeRules } from './rules';
import { scoreStation, type StationScore } from './station';

/** A station as the board lists it: its code, and whatever else the caller keeps with it. */
export interface BoardStation {
  code: string;
}

export interface RankedRow<S extends BoardStation = BoardStation> extends StationScore {
  rank: number;
  /** The station as given to scoreBoard. */
  station: S;
}

/**
 * The whole board: every station of the scope gets a row (zeros where a department has no
 * records for it), ordered and ranked. A department whose values did not arrive leaves its
 * indicators unscored (DEPARTMENT_UNAVAILABLE) instead of failing the board.
 */
export function scoreBoard<S extends BoardStation>(
  rules: SchemeRules,
  stations: readonly S[],
  values: DepartmentValues,
): RankedRow<S>[] {
  const index = new ValueIndex(values);
  return rankRows(
    stations.map((station) => ({ ...scoreStation(rules, station.code, index), station })),
  );
}
