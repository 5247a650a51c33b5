import type { SelectQueryBuilder } from 'typeorm';
import { badUserInput, show } from '../../platform/errors';
import { parseScope } from '../kit/figures/scope';
import type { StationsLoaders } from './loaders';
import type { Station } from './station';

/**
 * Checks the scope names a division or station the registry knows: an unknown one is bad
 * input, not an empty list.
 */
export async function assertKnownScope(code: string, loaders: StationsLoaders): Promise<void> {
  const scope = parseScope(code);
  const known =
    scope.level === 'STATION'
      ? (await loaders.station.load(code)) !== null
      : String((await loaders.division.load(code))?.level) === scope.level;
  if (!known) {
    throw badUserInput(`scope ${show(code)} is not a division or station in the registry`, {
      field: 'scope',
      value: code,
    });
  }
}

/** Narrows a query over stations (alias `s`) to a well-formed scope, known or not. */
export function narrowToScope(
  query: SelectQueryBuilder<Station>,
  code: string,
): SelectQueryBuilder<Station> {
  const scope = parseScope(code);
  if (scope.level === 'STATION') return query.andWhere('s.code = :code', { code });
  if (scope.level === 'COUNTY') return query.andWhere('s.division_code = :code', { code });
  return query.andWhere('s.division_code LIKE :pattern', {
    pattern: `${scope.divisionPrefix ?? ''}%`,
  });
}

/** Narrows a query over stations (alias `s`) to a scope, after checking the registry knows it. */
export async function whereInScope(
  query: SelectQueryBuilder<Station>,
  code: string,
  loaders: StationsLoaders,
): Promise<SelectQueryBuilder<Station>> {
  await assertKnownScope(code, loaders);
  return narrowToScope(query, code);
}
