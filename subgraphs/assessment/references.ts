import { Directive, Field } from 'type-graphql';
import {
  boardReference,
  stationReference,
  type BoardRef,
  type StationRef,
} from '../kit/board-contract';
import { declareDepartmentFields } from './department-fields';

/** A station as the board's rows carry it: its key and the registry's name for it. */
export interface NamedStation extends StationRef {
  name: string;
}

/** The board as the assessment subgraph receives it: key, named stations, department fields. */
export type ScoredBoardRef = BoardRef & { stations: NamedStation[] } & Record<string, unknown>;

/**
 * The assessors' view of a station (its key) and of a board: the kit's board reference, with
 * the registry's stations and every wired department's indicators declared @external. The
 * name is the registry's too: `rows` @requires it with the stations and @provides it to the
 * rows' stations, so the gateway does not fetch the names again after scoring.
 */
export const Station = stationReference();
Directive('@external')(Station.prototype, 'name');
Field(() => String, { description: "名称 The station's name (from the registry)." })(
  Station.prototype,
  'name',
);
export const AssessmentBoard = boardReference(Station);
declareDepartmentFields(AssessmentBoard);
