import type { EntityManager } from 'typeorm';
import { limitsEnv } from '../../platform/config';
import { badUserInput } from '../../platform/errors';
import { STATIONS_IN_SCOPE } from '../kit/contract/list-sizes';

/**
 * The most stations the registry holds in one county, one city and one province. Every list of
 * a scope's stations (a board's rows, a department's indicators for a board, a division's
 * stations) is priced at STATIONS_IN_SCOPE by its `@listSize`; refusing at write the station
 * that would pass it keeps that price true. Each may be set lower, never higher than what the
 * schema assumes: a higher bound would let a scope hold lists the cost estimate underprices.
 */
export interface StationsPerScope {
  county: number;
  city: number;
  province: number;
}

type Level = keyof StationsPerScope;

const DEFAULT_STATIONS_PER_SCOPE: StationsPerScope = {
  county: STATIONS_IN_SCOPE,
  city: STATIONS_IN_SCOPE,
  province: STATIONS_IN_SCOPE,
};

/** The environment variable that sets each bound. */
const STATIONS_PER_SCOPE_VARIABLES: Record<Level, string> = {
  county: 'MAX_STATIONS_PER_COUNTY',
  city: 'MAX_STATIONS_PER_CITY',
  province: 'MAX_STATIONS_PER_PROVINCE',
};

export function stationsPerScopeFromEnv(): StationsPerScope {
  const bounds = limitsEnv(DEFAULT_STATIONS_PER_SCOPE, STATIONS_PER_SCOPE_VARIABLES);
  for (const level of Object.keys(bounds) as Level[]) {
    if (bounds[level] > STATIONS_IN_SCOPE) {
      throw new Error(
        `${STATIONS_PER_SCOPE_VARIABLES[level]} is ${bounds[level]}; the schema prices a scope's ` +
          `stations at ${STATIONS_IN_SCOPE} (@listSize), so it may be at most that`,
      );
    }
  }
  return bounds;
}

/** The number of digits of a county code that name the scope of each level. */
const PREFIX_DIGITS: Record<Level, number> = { county: 6, city: 4, province: 2 };

/**
 * Refuses, inside the write's transaction and after it, a batch that left a county, city or
 * province it wrote to with more stations than its bound: BAD_USER_INPUT naming the scope, its
 * count and the variable, and the transaction rolls back, so nothing is written. Station writes
 * take one transaction-scoped lock first: two batches that each fit alone cannot both pass the
 * count and together overfill a scope.
 */
export async function assertScopesWithinBounds(
  manager: EntityManager,
  counties: readonly string[],
  bounds: StationsPerScope,
): Promise<void> {
  const levels = Object.keys(PREFIX_DIGITS) as Level[];
  const scopes = levels.flatMap((level) =>
    [...new Set(counties.map((c) => c.slice(0, PREFIX_DIGITS[level])))].map((prefix) => ({
      level,
      prefix,
    })),
  );
  const [over] = await manager.query<{ level: Level; prefix: string; stations: number }[]>(
    `SELECT scope.level, scope.prefix, count(s.code)::int AS stations
       FROM unnest($1::text[], $2::text[], $3::int[]) AS scope(level, prefix, bound)
       JOIN station s ON s.division_code LIKE scope.prefix || '%'
      GROUP BY scope.level, scope.prefix, scope.bound
     HAVING count(s.code) > scope.bound
      ORDER BY array_position($4::text[], scope.level), scope.prefix
      LIMIT 1`,
    [
      scopes.map((s) => s.level),
      scopes.map((s) => s.prefix),
      scopes.map((s) => bounds[s.level]),
      levels,
    ],
  );
  if (!over) return;
  const variable = STATIONS_PER_SCOPE_VARIABLES[over.level];
  const code = over.prefix.padEnd(6, '0');
  const max = bounds[over.level];
  throw badUserInput(
    `the batch would leave ${over.level} ${code} with ${over.stations} stations; the registry ` +
      `holds at most ${max} (${variable}): nothing was written`,
    { field: 'divisionCode', value: code, limit: variable, max, found: over.stations },
  );
}

/** Serializes station writes for the rest of the transaction (see assertScopesWithinBounds). */
export async function lockStationWrites(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('stations.station writes'))`);
}
