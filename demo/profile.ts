import type { DemoProfile } from '../subgraphs/kit/service/definition';

/**
 * The demo data sets: `city` is 绍兴市 (about 90 stations in its six counties), what `npm start`
 * loads; `province` is all of Zhejiang (1,178 stations), generated on demand for benchmarks.
 */
export type { DemoProfile };

const DEMO_PROFILES: readonly DemoProfile[] = ['city', 'province'];

export function isDemoProfile(value: string): value is DemoProfile {
  return (DEMO_PROFILES as readonly string[]).includes(value);
}
