import { ValueIndex, type DepartmentValues } from './values';
import { rankInPlace } from './rank';
import type { SchemeRules } from './rules';
import { planBoard, scoreStation, type BoardStation, type RankedRow } from './station';

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
  const plan = planBoard(rules, new ValueIndex(values));
  return rankInPlace(stations.map((station) => scoreStation(plan, station)));
}
