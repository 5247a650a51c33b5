import DataLoader from 'dataloader';
import { types } from 'node:util';

/**
 * A DataLoader for rows fetched by key in one query: `fetch` gets every key asked for in the
 * same tick and returns the rows found; keys without a row resolve to null.
 */
export function keyedLoader<T>(
  fetch: (keys: readonly string[]) => Promise<T[]>,
  keyOf: (row: T) => string,
): DataLoader<string, T | null> {
  return new DataLoader(async (keys) => {
    const rows = new Map((await fetch(keys)).map((row) => [keyOf(row), row]));
    return keys.map((key) => rows.get(key) ?? null);
  });
}

/** A DataLoader for lists: every key gets the rows whose `keyOf` is that key (maybe none). */
export function groupedLoader<T>(
  fetch: (keys: readonly string[]) => Promise<T[]>,
  keyOf: (row: T) => string,
): DataLoader<string, T[]> {
  return new DataLoader(async (keys) => {
    const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
    for (const row of await fetch(keys)) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/**
 * `loader.loadMany(keys)` that fails when a lookup failed. loadMany resolves a failed lookup
 * as an Error in its place; read as "no such row", a database outage would turn into a
 * confident BAD_USER_INPUT about the client's data.
 */
export async function loadAll<V>(
  loader: DataLoader<string, V>,
  keys: readonly string[],
): Promise<V[]> {
  const values = await loader.loadMany(keys);
  // isNativeError, not instanceof: an error made by Node itself (ECONNREFUSED) can come from
  // another realm, as under jest.
  const failure = values.find((value): value is Error => types.isNativeError(value));
  if (failure) throw failure;
  return values as V[];
}
