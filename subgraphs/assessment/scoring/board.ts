import { FigureIndex, type DepartmentFigures } from './figures';
import { rankRows } from './rank';
import type { SchemeRules } from './rules';
import { scoreStation, type StationScore } from './station';

export interface RankedRow extends StationScore {
  rank: number;
}

/**
 * The whole board: every station of the scope gets a row (zeros where a department has no
 * records for it), ordered and ranked. A department whose figures did not arrive leaves its
 * indicators unscored (DEPARTMENT_UNAVAILABLE) instead of failing the board.
 */
export function scoreBoard(
  rules: SchemeRules,
  stationCodes: readonly string[],
  figures: DepartmentFigures,
): RankedRow[] {
  const index = new FigureIndex(figures);
  return rankRows(stationCodes.map((code) => scoreStation(rules, code, index)));
}
