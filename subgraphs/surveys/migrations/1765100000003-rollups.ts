import { rollupMigration } from '../../kit/figures/rollup';
import { SURVEY_SOURCES } from '../stats';

/** The rollup of the figures per station and month, with its triggers, filled from the records. */
export const Rollups1765100000003 = rollupMigration('Rollups1765100000003', SURVEY_SOURCES);
