import { listedOperation } from '../../../gateway/src/safelist';
import { intEnv } from '../../../platform/config';
import { codedError, type ErrorCode } from '../../../platform/errors';
import type { BoardKey } from '../../kit/board-contract';
import type { DeductionScore, DepartmentScore, IndicatorScore } from '../row';
import { NOTES } from '../scoring/notes';
import type { PublishedDetail, PublishedLine } from './line';

/** The listed operation a publication reads the live board with (schema/operations/). */
const OPERATION = 'PublishedBoardSource';
let operationText: string | undefined;

/** A live row as OPERATION asks for it. */
interface LiveRow {
  rank: number;
  total: number;
  grade: PublishedLine['grade'];
  vetoed: boolean;
  vetoes: string[];
  station: { code: string; name: string; divisionCode: string };
  departments: DepartmentScore[];
  indicators: IndicatorScore[];
  deductions: DeductionScore[];
}

interface LiveAnswer {
  data?: { assessmentBoard?: { schemeId: string; partial: boolean; rows: LiveRow[] } | null };
  errors?: { message: string; extensions?: { code?: string; subgraph?: string } }[];
}

export interface LiveBoard {
  /** When the read was sent: the departments' figures are as of this instant. */
  dataCutoff: Date;
  rows: { line: PublishedLine; detail: PublishedDetail }[];
}

export interface Caller {
  gatewayUrl: string | undefined;
  authorization: string | undefined;
  requestId: string;
}

/** The codes that say a department (or the registry) did not answer. */
const UNAVAILABLE = new Set(['SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_TIMEOUT', 'DATABASE_UNAVAILABLE']);
/** The codes a client may be told as they are (the read was the publisher's own request). */
const PASSED_ON = new Set<string>(['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN']);

function unavailable(which: string): never {
  throw codedError(
    'DEPARTMENT_UNAVAILABLE',
    `${which} did not answer: an official result is never partial; publish again once it is back`,
    { department: which },
  );
}

/**
 * Reads the live board through the gateway, as any client would: with the publisher's own
 * token and a listed operation (so it runs with the safelist on). The departments' figures
 * reach the assessors only through the federated schema. A board missing any department's
 * figures is refused (DEPARTMENT_UNAVAILABLE): nothing partial is ever published.
 */
export async function readLiveBoard(caller: Caller, key: BoardKey): Promise<LiveBoard> {
  if (!caller.gatewayUrl) {
    throw new Error('GATEWAY_URL is not set: the assessment subgraph cannot read the live board');
  }
  operationText ??= listedOperation(OPERATION);
  const dataCutoff = new Date();
  let answer: LiveAnswer;
  try {
    const response = await fetch(caller.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': caller.requestId,
        ...(caller.authorization ? { authorization: caller.authorization } : {}),
      },
      body: JSON.stringify({ query: operationText, operationName: OPERATION, variables: key }),
      // The gateway's own deadline for a subgraph: the publication it is part of has no more.
      signal: AbortSignal.timeout(intEnv('SUBGRAPH_TIMEOUT_MS', 10_000)),
    });
    answer = (await response.json()) as LiveAnswer;
  } catch (error) {
    throw codedError(
      'DEPARTMENT_UNAVAILABLE',
      `the gateway did not answer the live board: ${(error as Error).message}`,
    );
  }
  for (const error of answer.errors ?? []) {
    const code = error.extensions?.code ?? '';
    if (UNAVAILABLE.has(code)) unavailable(error.extensions?.subgraph ?? 'a department');
    if (PASSED_ON.has(code)) throw codedError(code as ErrorCode, error.message);
    throw new Error(`the live board failed: ${error.message}`);
  }
  const board = answer.data?.assessmentBoard;
  if (!board) throw new Error('the live board answered no data');
  const rows = board.rows.map((row) => {
    const missing =
      row.indicators.find((i) => i.note === NOTES.DEPARTMENT_UNAVAILABLE) ??
      row.deductions.find((d) => d.note === NOTES.DEPARTMENT_UNAVAILABLE);
    if (missing) unavailable(`the department of ${missing.key}`);
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
      detail: { indicators: row.indicators, deductions: row.deductions },
    };
  });
  return { dataCutoff, rows };
}
