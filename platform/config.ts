/**
 * Environment settings shared by every service. One word names a service everywhere, so its
 * settings are `<NAME>_PORT` and `<NAME>_URL` (`STATIONS_PORT`, `CASES_URL`, ...).
 */
export function envVar(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

export function intEnv(name: string, fallback: number): number {
  const raw = envVar(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  }
  return value;
}

/**
 * A set of limits, each from its own environment variable (`variables`) or its default; a
 * limit must be at least 1, since a limit of 0 would refuse everything.
 */
export function limitsEnv<Limit extends string>(
  defaults: Readonly<Record<Limit, number>>,
  variables: Readonly<Record<Limit, string>>,
): Record<Limit, number> {
  const limits: Record<Limit, number> = { ...defaults };
  for (const limit of Object.keys(limits) as Limit[]) {
    const variable = variables[limit];
    limits[limit] = intEnv(variable, defaults[limit]);
    if (limits[limit] < 1) throw new Error(`${variable} must be at least 1, got ${limits[limit]}`);
  }
  return limits;
}

/** A switch: `on`/`true`/`1` or `off`/`false`/`0`; unset means `fallback`. */
export function flagEnv(name: string, fallback: boolean): boolean {
  const raw = envVar(name);
  if (raw === undefined) return fallback;
  const value = raw.toLowerCase();
  if (['on', 'true', '1'].includes(value)) return true;
  if (['off', 'false', '0'].includes(value)) return false;
  throw new Error(`${name} must be on or off, got "${raw}"`);
}

export function serviceEnvName(service: string, suffix: 'PORT' | 'URL'): string {
  return `${service.toUpperCase()}_${suffix}`;
}

export function isProduction(): boolean {
  return process.env.NODE_ENV === 'production';
}
