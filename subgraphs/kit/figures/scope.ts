import { isDivisionCode, isStationCode } from '../../../platform/codes';
import { badUserInput, show } from '../../../platform/errors';

/**
 * A scope names the stations a query covers: a GB/T 2260 division (the province 330000, a
 * city 330600, a county 330681) or one station by its 12-digit code. A division scope
 * matches the stations whose current county code starts with `divisionPrefix`.
 */
type ScopeLevel = 'PROVINCE' | 'CITY' | 'COUNTY' | 'STATION';

export interface Scope {
  code: string;
  level: ScopeLevel;
  /** For division scopes: the prefix of the county codes inside it. */
  divisionPrefix: string | null;
}

export function parseScope(code: string): Scope {
  if (isStationCode(code)) return { code, level: 'STATION', divisionPrefix: null };
  if (/^\d{2}0000$/.test(code))
    return { code, level: 'PROVINCE', divisionPrefix: code.slice(0, 2) };
  if (/^\d{4}00$/.test(code)) return { code, level: 'CITY', divisionPrefix: code.slice(0, 4) };
  if (isDivisionCode(code)) return { code, level: 'COUNTY', divisionPrefix: code };
  throw badUserInput(
    `scope ${show(code)} is neither a 6-digit GB/T 2260 division code nor a 12-digit station code`,
    { field: 'scope', value: code },
  );
}
