import { GraphQLError } from 'graphql';
import { codedError } from '../../../platform/errors';
import type { BoardKey } from '../../kit/contract/board-contract';
import type { GatewayClient } from '../../kit/service/gateway-client';
import type { PublishedBoardSourceQuery } from '../../kit/service/generated/operations';
import { NOTES, type Note } from '../scoring/notes';
import type { PublishedDetail, PublishedLine } from './published-row';

/** A live row as PublishedBoardSource (schema/operations/subgraphs.graphql) asks for it. */
type LiveRow = PublishedBoardSourceQuery['assessmentBoard']['rows'][number];

/**
 * A note is a String in the schema; the live board that answered is this subgraph's own
 * scoring, whose notes are always one of NOTES.
 */
const scoredNote = (note: string | null) => note as Note | null;

export interface LiveBoard {
  /** When the read was sent: the departments' figures are as of this instant. */
  dataCutoff: Date;
  rows: { line: PublishedLine; detail: PublishedDetail }[];
}

/** The codes that say a department (or the registry) did not answer. */
const UNAVAILABLE = new Set(['SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_TIMEOUT', 'DATABASE_UNAVAILABLE']);

function unavailable(reason: string): GraphQLError {
  return codedError(
    'DEPARTMENT_UNAVAILABLE',
    `${reason}: an official result is never partial; publish again once every department answers`,
  );
}

/**
 * Reads the live board through the gateway, as any client would: with the publisher's own
 * token and a listed operation (so it runs with the safelist on). The departments' figures
 * reach the assessors only through the federated schema. A board missing any department's
 * figures is refused (DEPARTMENT_UNAVAILABLE): nothing partial is ever published.
 */
export async function readLiveBoard(graph: GatewayClient, key: BoardKey): Promise<LiveBoard> {
  const dataCutoff = new Date();
  let rows: LiveRow[];
  try {
    ({
      assessmentBoard: { rows },
    } = await graph.query('PublishedBoardSource', { ...key }, 'the live board'));
  } catch (error) {
    if (error instanceof GraphQLError) {
      const code = error.extensions.code;
      if (typeof code === 'string' && UNAVAILABLE.has(code)) throw unavailable(error.message);
    }
    throw error;
  }
  return {
    dataCutoff,
    rows: rows.map((row) => {
      const missing =
        row.indicators.find((i) => i.note === NOTES.DEPARTMENT_UNAVAILABLE) ??
        row.deductions.find((d) => d.note === NOTES.DEPARTMENT_UNAVAILABLE) ??
        row.vetoCounts.find((v) => v.note === NOTES.DEPARTMENT_UNAVAILABLE);
      if (missing) throw unavailable(`the figures of ${missing.key} are missing`);
      return {
        line: {
          rank: row.rank,
          stationCode: row.station.code,
          stationName: row.station.name,
          divisionCode: row.station.divisionCode,
          total: row.total,
          grade: row.grade,
          vetoed: row.vetoed,
          vetoes: row.vetoes,
          departments: row.departments,
        },
        detail: {
          indicators: row.indicators.map((i) => ({ ...i, note: scoredNote(i.note) })),
          deductions: row.deductions.map((d) => ({ ...d, note: scoredNote(d.note) })),
          vetoCounts: row.vetoCounts.map((v) => ({ ...v, note: scoredNote(v.note) })),
        },
      };
    }),
  };
}
