import { join } from 'node:path';
import { PROJECT_ROOT } from '../../platform/paths';

/**
 * The bench's own block of ports, so a run never collides with `npm start` (4000-4005), the
 * tests (free ports) or another engineer's services.
 */
export const BENCH_PORTS = {
  ours: 4600,
  /** Our gateway with other node options (--variant). */
  variant: 4608,
  /** Subgraph n of subgraphs/list.ts listens on 4601 + n. */
  firstSubgraph: 4601,
  hive: 4610,
  /** The same Hive Gateway with its default (stitching) planner. */
  hiveStitching: 4611,
  /** A second instance of our gateway, pointed at recording proxies to learn its fetches. */
  capture: 4620,
  embeddedPostgres: 54389,
} as const;

/** Everything the bench installs, builds and writes (git-ignored). */
export const BENCH_DIR = join(PROJECT_ROOT, '.bench');
