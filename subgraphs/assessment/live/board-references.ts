import { boardReference, stationReference, type BoardRef } from '../../kit/contract/board-contract';
import { declareDepartmentFields } from './department-fields';

/** The board as the assessment subgraph receives it: key, stations, department fields. */
export type ScoredBoardRef = BoardRef & Record<string, unknown>;

/**
 * The assessors' view of a station (its key) and of a board: the kit's board reference, with
 * the registry's stations and every wired department's indicators declared @external.
 */
export const Station = stationReference();
export const AssessmentBoard = boardReference(Station);
declareDepartmentFields(AssessmentBoard);
