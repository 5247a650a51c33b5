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

export function serviceEnvName(service: string, suffix: 'PORT' | 'URL'): string {
  return `${service.toUpperCase()}_${suffix}`;
}

export function isProduction(): boolean {
  return process.env.NODE_ENV === 'production';
}
