import { rollupMigration } from '../../kit/figures/rollup';
import { CASE_SOURCES } from '../stats';

/** The rollup of the figures per station and month, with its triggers, filled from the records. */
export const Rollups1765100000001 = rollupMigration('Rollups1765100000001', CASE_SOURCES);
