import { envVar } from '../platform/config';
import { isDemoProfile, type DemoProfile } from './profile';

/** SEED: the demo profile to load into empty tables at start (`city`, the default, or `province`), or `none`. */
export function seedFromEnv(): DemoProfile | null {
  const value = envVar('SEED') ?? 'city';
  if (value === 'none') return null;
  if (isDemoProfile(value)) return value;
  throw new Error(`SEED must be city, province or none, got "${value}"`);
}
