import { boardReference, stationReference } from '../kit/federation';

/** The survey firm's view of a station and of a board (keys only; fields added by resolvers). */
export const Station = stationReference();
export const AssessmentBoard = boardReference(Station);
