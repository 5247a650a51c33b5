import { rollupMigration } from '../../kit/figures/rollup';
import { TRAFFIC_SOURCES } from '../stats';

/** The rollup of the figures per station and month, with its triggers, filled from the records. */
export const Rollups1765100000002 = rollupMigration('Rollups1765100000002', TRAFFIC_SOURCES);
