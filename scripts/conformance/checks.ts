import type { ContractShape } from './contract-shape';
import {
  entitiesOf,
  firstEntity,
  type Answer,
  type AnswerError,
  type Fields,
  type SubgraphClient,
} from './subgraph-client';

/** What the checks know once the SDL is read and the graph was asked. */
export interface CheckContext {
  client: SubgraphClient;
  name: string;
  shape: ContractShape;
  period: string;
  schemeId: string;
  /** The division the Division checks use. */
  division: string;
  /** A station the suite reads as its own station, and another one beside it. */
  station: string;
  otherStation: string;
  /** Of the department's keys, those the scheme uses: all its board field may answer. */
  schemeKeys: readonly string[];
  /** The keys whose records must add up: the catalog's, else the scheme's (see the doc). */
  catalog: readonly {
    key: string;
    kind: 'COUNT' | 'RATE' | null;
    /** The statistics' figures it reads, when the catalog says. */
    reads: readonly string[] | null;
  }[];
  tokens: {
    admin: string;
    /** station:<station> */
    station: string;
    /** department:<name> */
    department: string;
    /** department:stations: a department that is not this one. */
    otherDepartment: string;
  };
}

/** A check answers why it failed, or what it saw when it passed. */
export class CheckFailure extends Error {}

const fail = (why: string): never => {
  throw new CheckFailure(why);
};

const codes = (answer: Answer) => (answer.errors ?? []).map((e) => String(e.extensions?.code));

/** Fails unless every error of the answer has `code` and there is at least one. */
function expectRefused(answer: Answer, code: string, what: string): void {
  const found = codes(answer);
  if (found.length === 0) fail(`${what}: answered without an error`);
  if (found.some((c) => c !== code)) fail(`${what}: ${found.join(', ')} instead of ${code}`);
}

function expectNoErrors(answer: Answer, what: string): void {
  const [first] = answer.errors ?? [];
  if (first) fail(`${what}: ${String(first.extensions?.code)} ${first.message}`);
}

const stationRep = (code: string, extra: Record<string, unknown> = {}) => ({
  __typename: 'Station',
  code,
  ...extra,
});

function stationQuery(shape: ContractShape): string {
  const records = shape.recordsField
    ? `l: ${shape.recordsField}(period: $period, first: 1) { totalCount }`
    : '';
  return `query($r: [_Any!]!, $period: String!) { _entities(representations: $r) {
    ... on Station { code s: ${shape.statsField}(period: $period) { __typename } ${records} } } }`;
}

const readStation = (c: CheckContext, token: string | undefined, rep: Record<string, unknown>) =>
  c.client.post(stationQuery(c.shape), {
    ...(token ? { token } : {}),
    variables: { r: [rep], period: c.period },
  });

function boardQuery(shape: ContractShape): string {
  return `query($r: [_Any!]!) { _entities(representations: $r) { ... on AssessmentBoard {
    b: ${shape.boardField} { stationCode values { key current baseline sample } } } } }`;
}

interface BoardValue {
  key: string;
  current: number | null;
  baseline: number | null;
  sample: number | null;
}

const boardRep = (c: CheckContext, stations?: string[]) => ({
  __typename: 'AssessmentBoard',
  scope: c.division,
  period: c.period,
  schemeId: c.schemeId,
  ...(stations ? { stations: stations.map((code) => ({ code })) } : {}),
});

const divisionQuery = (shape: ContractShape) =>
  `query($r: [_Any!]!, $period: String!) { _entities(representations: $r) {
    ... on Division { code d: ${shape.divisionField}(period: $period) { __typename } } } }`;

// ---------------------------------------------------------------------------------------------

/** Station, Division and AssessmentBoard representations resolve. */
export async function entitiesResolve(c: CheckContext): Promise<string> {
  const stations = await c.client.post(stationQuery(c.shape), {
    token: c.tokens.admin,
    variables: { r: [stationRep(c.station), stationRep(c.otherStation)], period: c.period },
  });
  expectNoErrors(stations, 'Station');
  const entities = entitiesOf<{ code: string; s: unknown }>(stations);
  if (entities.map((e) => e.code).join() !== [c.station, c.otherStation].join()) {
    fail(`Station: answered ${JSON.stringify(entities)} for two stations`);
  }
  if (entities.some((e) => e.s == null)) fail(`Station.${c.shape.statsField} answered null`);

  const division = await c.client.post(divisionQuery(c.shape), {
    token: c.tokens.admin,
    variables: {
      r: [{ __typename: 'Division', code: c.division, stations: [{ code: c.station }] }],
      period: c.period,
    },
  });
  expectNoErrors(division, 'Division');
  if (firstEntity(division)?.d == null) fail(`Division.${c.shape.divisionField} answered null`);

  const board = await readBoard(c, [c.station, c.otherStation]);
  if (board.map((b) => b.stationCode).join() !== [c.station, c.otherStation].join()) {
    fail(`AssessmentBoard.${c.shape.boardField}: not one entry per station, in order`);
  }
  return `Station, Division and AssessmentBoard resolve`;
}

async function readBoard(c: CheckContext, stations: string[]) {
  const answer = await c.client.post(boardQuery(c.shape), {
    token: c.tokens.station,
    variables: { r: [boardRep(c, stations)] },
  });
  expectNoErrors(answer, 'AssessmentBoard');
  type Board = { stationCode: string; values: BoardValue[] }[];
  const board = firstEntity<{ b?: Board | null }>(answer)?.b;
  if (!board) return fail(`AssessmentBoard.${c.shape.boardField} answered null`);
  return board;
}

/** A representation without what a field @requires is refused, not answered with zeros. */
export async function incompleteRefused(c: CheckContext): Promise<string> {
  const board = await c.client.post(boardQuery(c.shape), {
    token: c.tokens.admin,
    variables: { r: [boardRep(c)] },
  });
  expectRefused(board, 'INCOMPLETE_REPRESENTATION', 'AssessmentBoard without stations');
  const division = await c.client.post(divisionQuery(c.shape), {
    token: c.tokens.admin,
    variables: { r: [{ __typename: 'Division', code: c.division }], period: c.period },
  });
  expectRefused(division, 'INCOMPLETE_REPRESENTATION', 'Division without stations');
  return 'AssessmentBoard and Division without stations: INCOMPLETE_REPRESENTATION';
}

/** Without a bearer token nothing but __typename is answered. */
export async function noTokenRefused(c: CheckContext): Promise<string> {
  expectRefused(await c.client.post('{ _service { sdl } }'), 'UNAUTHENTICATED', '_service');
  expectRefused(
    await readStation(c, undefined, stationRep(c.station)),
    'UNAUTHENTICATED',
    '_entities',
  );
  return '_service and _entities without a token: UNAUTHENTICATED';
}

const fieldsRead = (c: CheckContext) =>
  [c.shape.statsField, c.shape.recordsField].filter(Boolean).join(' and ');

/** The positive controls: whom the grants let through. */
export async function ownReads(c: CheckContext): Promise<string> {
  for (const [who, token] of [
    [`station:${c.station}`, c.tokens.station],
    [`department:${c.name}`, c.tokens.department],
  ] as const) {
    const answer = await readStation(c, token, stationRep(c.station));
    expectNoErrors(answer, who);
    const entity = firstEntity(answer);
    if (entity?.s == null || (c.shape.recordsField && entity?.l == null)) {
      fail(`${who} got null for its own ${fieldsRead(c)}`);
    }
  }
  return `station:${c.station} and department:${c.name} read ${fieldsRead(c)} of ${c.station}`;
}

function expectForbidden(answer: Answer, c: CheckContext, what: string): void {
  expectRefused(answer, 'FORBIDDEN', what);
  const entity = firstEntity(answer);
  if (entity?.s != null || entity?.l != null) fail(`${what}: answered figures beside FORBIDDEN`);
  const expected = c.shape.recordsField ? 2 : 1;
  if (codes(answer).length < expected) fail(`${what}: only ${codes(answer).length} field refused`);
}

/** A station token reads no other station's figures or records. */
export async function otherStationForbidden(c: CheckContext): Promise<string> {
  const answer = await readStation(c, c.tokens.station, stationRep(c.otherStation));
  expectForbidden(answer, c, `station:${c.station} on ${c.otherStation}`);
  return `station:${c.station} on ${c.otherStation}'s ${fieldsRead(c)}: FORBIDDEN`;
}

/**
 * The grant is checked against the station resolved (`code`), whatever else the
 * representation carries: a `stationCode` naming the token's own station grants nothing.
 */
export async function forgedStationForbidden(c: CheckContext): Promise<string> {
  const rep = stationRep(c.otherStation, { stationCode: c.station });
  const answer = await readStation(c, c.tokens.station, rep);
  expectForbidden(
    answer,
    c,
    `station:${c.station} on ${c.otherStation} with stationCode ${c.station}`,
  );
  return `a representation's stationCode grants nothing: FORBIDDEN`;
}

/** Another department's token reads none of this department's figures or records. */
export async function otherDepartmentForbidden(c: CheckContext): Promise<string> {
  const answer = await readStation(c, c.tokens.otherDepartment, stationRep(c.station));
  expectForbidden(answer, c, `department:stations on ${c.name}`);
  return `department:stations on ${fieldsRead(c)}: FORBIDDEN`;
}

/** The board field answers each station the scheme's keys of this department, and no other. */
export async function boardKeys(c: CheckContext): Promise<string> {
  const board = await readBoard(c, [c.station, c.otherStation]);
  const expected = [...c.schemeKeys].sort().join(', ');
  for (const { stationCode, values } of board) {
    const keys = values
      .map((v) => v.key)
      .sort()
      .join(', ');
    if (keys !== expected) fail(`${stationCode}: keys [${keys}], the scheme's are [${expected}]`);
  }
  return `${c.schemeId}: [${expected || 'none'}] for each of ${board.length} stations`;
}

interface Listing {
  totalCount: number;
  indicatorTotal: number | null;
}

const close = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/** What a listing says the board's value is: a count's total, a rate's share of its sample. */
function listedValue(listing: Listing, rate: boolean): number | null {
  if (!rate) return listing.indicatorTotal;
  return listing.totalCount > 0 ? (listing.indicatorTotal ?? 0) / listing.totalCount : null;
}

/** A figure as the board or the statistics give it, to hold a listing against. */
interface Figure {
  source: string;
  current: number | null;
  baseline: number | null;
  sample: number | null;
}

/** What the statistics say an indicator is, from the figures the catalog says it reads. */
function fromStatistics(
  stats: Record<string, unknown> & { baseline?: Record<string, unknown> },
  kind: 'COUNT' | 'RATE',
  figures: readonly string[],
): Figure {
  const read = (from: Record<string, unknown> | undefined, name: string | undefined) =>
    typeof from?.[name ?? ''] === 'number' ? (from[name ?? ''] as number) : null;
  const [part, of] = figures;
  if (kind === 'COUNT') {
    return {
      source: 'statistics',
      current: read(stats, part),
      baseline: read(stats.baseline, part),
      sample: null,
    };
  }
  const share = (from: Record<string, unknown> | undefined) => {
    const sample = read(from, of);
    return sample ? (read(from, part) ?? 0) / sample : null;
  };
  return {
    source: 'statistics',
    current: share(stats),
    baseline: share(stats.baseline),
    sample: read(stats, of),
  };
}

/**
 * For each catalog key, the records listed behind it add up to its figure, now and a year
 * before: to the board's value where the scheme scores the key, and to the statistics'
 * figures the catalog says it reads.
 */
export async function recordsAddUp(c: CheckContext): Promise<string> {
  const field = c.shape.recordsField;
  if (!field) return 'no records field: nothing to add up';
  const onBoard = c.catalog.some((i) => c.schemeKeys.includes(i.key));
  const row = onBoard ? (await readBoard(c, [c.station]))[0] : undefined;
  // A figure the statistics do not serve (a rate's numerator, say) is held against the board only.
  const served = (reads: readonly string[] | null) =>
    reads !== null && reads.every((figure) => c.shape.statsFigures.includes(figure));
  const figures = [...new Set(c.catalog.flatMap((i) => (served(i.reads) ? (i.reads ?? []) : [])))];
  const stats =
    figures.length > 0
      ? `s: ${c.shape.statsField}(period: $period) { ${figures.join(' ')} baseline { ${figures.join(' ')} } }`
      : '';
  const listings = c.catalog
    .map(
      ({ key }, n) =>
        `k${n}: ${field}(period: $period, indicator: ${JSON.stringify(key)}, first: 1) { totalCount indicatorTotal }
         b${n}: ${field}(period: $period, indicator: ${JSON.stringify(key)}, baseline: true, first: 1) { totalCount indicatorTotal }`,
    )
    .join('\n');
  const answer = await c.client.post(
    `query($r: [_Any!]!, $period: String!) { _entities(representations: $r) { ... on Station { ${stats} ${listings} } } }`,
    { token: c.tokens.admin, variables: { r: [stationRep(c.station)], period: c.period } },
  );
  expectNoErrors(answer, field);
  const listed = firstEntity<Record<string, Listing> & { s?: Fields }>(answer) ?? {};
  const wrong: string[] = [];
  let nonZero = 0;
  let compared = 0;
  c.catalog.forEach(({ key, kind, reads }, n) => {
    const value = row?.values.find((v) => v.key === key);
    const references: Figure[] = [
      ...(value ? [{ source: 'board', ...value }] : []),
      ...(kind && reads && served(reads) && listed.s
        ? [fromStatistics(listed.s, kind, reads)]
        : []),
    ];
    if (references.length === 0)
      return wrong.push(`${key}: neither on the board nor read from the statistics`);
    const rate = kind ? kind === 'RATE' : value?.sample !== null;
    const now = listed[`k${n}`];
    const before = listed[`b${n}`];
    if (!now || !before) return wrong.push(`${key}: not listed`);
    if (listedValue(now, rate)) nonZero += 1;
    for (const figure of references) {
      compared += 1;
      const on = `${key} (${figure.source})`;
      if (!close(listedValue(now, rate), figure.current)) {
        wrong.push(`${on}: records ${listedValue(now, rate)}, figure ${figure.current}`);
      }
      if (rate && now.totalCount !== figure.sample) {
        wrong.push(`${on}: ${now.totalCount} records listed, sample ${figure.sample}`);
      }
      if (!close(listedValue(before, rate), figure.baseline)) {
        wrong.push(`${on} 同期: records ${listedValue(before, rate)}, figure ${figure.baseline}`);
      }
    }
    return undefined;
  });
  if (wrong.length > 0) fail(wrong.slice(0, 5).join('; '));
  return `${c.catalog.length} keys of ${c.station} (${nonZero} not zero), ${compared} figures, now and 同期`;
}

const SQL_TEXT =
  /\b(select|insert|update|delete)\b[\s\S]*\b(from|into|set|where)\b|syntax error at or near|\brelation "|violates .* constraint|\bpg_\w+/i;

function uncoded(error: AnswerError): string | null {
  const code = error.extensions?.code;
  if (typeof code !== 'string') return `no code: ${error.message.slice(0, 120)}`;
  if (code === 'INTERNAL_SERVER_ERROR')
    return `INTERNAL_SERVER_ERROR: ${error.message.slice(0, 120)}`;
  if (SQL_TEXT.test(JSON.stringify(error))) return `SQL text: ${error.message.slice(0, 120)}`;
  return null;
}

/**
 * Bad values are BAD_USER_INPUT; and every error the subgraph answered during the whole run
 * carries a code and no SQL text (so this check runs last).
 */
export async function errorsCoded(c: CheckContext): Promise<string> {
  const stats = await c.client.post(stationQuery(c.shape), {
    token: c.tokens.admin,
    variables: { r: [stationRep(c.station)], period: '2019-H3' },
  });
  expectRefused(stats, 'BAD_USER_INPUT', 'period 2019-H3');
  const board = await c.client.post(boardQuery(c.shape), {
    token: c.tokens.admin,
    variables: { r: [{ ...boardRep(c, [c.station]), period: 'someday' }] },
  });
  expectRefused(board, 'BAD_USER_INPUT', 'a board of period "someday"');
  const bad = c.client.seen.map(uncoded).filter((why): why is string => why !== null);
  if (bad.length > 0) fail(bad.slice(0, 3).join('; '));
  return `bad periods BAD_USER_INPUT; ${c.client.seen.length} errors seen, each coded, no SQL`;
}
