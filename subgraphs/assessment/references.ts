import { boardReference, stationReference } from '../kit/federation';
import { declareDepartmentFields } from './departments';

/**
 * The assessors' view of a station (its key) and of a board: the kit's board reference, with
 * the registry's stations and every wired department's indicators declared @external.
 */
export const Station = stationReference();
export const AssessmentBoard = boardReference(Station);
declareDepartmentFields(AssessmentBoard);
