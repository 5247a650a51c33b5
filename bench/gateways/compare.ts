import { OperationTypeNode } from 'graphql';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../platform/paths';
import { csvRecords, type CsvProblem } from '../../scripts/import/csv-records';
import { gatewaySchema, mutationDocument, recordKinds } from '../../scripts/import/kinds';
import { SUBGRAPHS } from '../../subgraphs/list';
import { PEERS, type Peer } from './hive';
import type { GatewayUnderTest } from './measure';
import {
  DRILL_DOWN_STATION,
  listedOperations,
  missingVariables,
  PERIOD,
  type Scenario,
} from './scenarios';

/**
 * `npm run bench -- --compare-answers`: every operation the screens and department systems send
 * (schema/operations.json), sent once to our gateway and once to each peer, their answers
 * compared whole (data and errors). A router that plans the supergraph right answers exactly
 * as ours does; one that differs has a bug, ours or theirs. The peers' bugs we know and have
 * reported are listed below with what they look like: a difference that matches one is shown
 * as known, any other fails the run.
 */

/** The variables of operations no scenario sends, by variable name, then by operation. */
const CITY = '330600';
const VARIABLES: Record<string, unknown> = {
  scope: CITY,
  period: PERIOD,
  code: DRILL_DOWN_STATION,
  stationCode: DRILL_DOWN_STATION,
  codes: [DRILL_DOWN_STATION, '330681500002'],
  // Withdrawals, as dry runs: of a record no department has, which each refuses alike.
  externalIds: ['BENCH-compare-answers'],
  ids: ['BENCH-compare-answers'],
  reason: '核对 compare-answers',
  id: 'fengqiao-2019@1',
  schemeId: 'fengqiao-2019@1',
  first: 20,
  // The screen's operations: with the scheme and period pickers, of the first official revision.
  withPickers: true,
  revision: 1,
  // The official board of a city (a county's screen adds its city's board: not here).
  city: CITY,
  county: false,
  // The records behind one figure of the cases department, for the period itself.
  indicator: 'cases.criminalSolved',
  baseline: false,
  cases: true,
  traffic: false,
  surveys: false,
};
const BY_OPERATION: Record<string, Record<string, unknown>> = {
  DivisionTree: { code: CITY },
};

/**
 * Requests a subgraph refuses, sent too: a refusal must reach the client the same through any
 * router (its code, message and path, and what stays of the data).
 */
const REFUSALS: Record<string, { why: string; variables: Record<string, unknown> }> = {
  AssessmentBoardScreen: { why: 'a scope that is no division', variables: { scope: '339999' } },
  Station: { why: 'a malformed station code', variables: { code: '33068150000X' } },
};

export type Answer = { data?: unknown; errors?: unknown[] } & Record<string, unknown>;

const peerName = (id: Peer['id']) => PEERS.find((p) => p.id === id)?.name ?? id;
const RUST = peerName('hive');
const STITCHING = peerName('hive-stitching');

interface KnownBug {
  /** The peers (their names in the tables) that have it. */
  peers: string[];
  bug: string;
  /** Their answer as it would be without this bug, or null when the answer does not show it. */
  repair(ours: Answer, theirs: Answer): Answer | null;
}

const errorsOf = (answer: Answer) => (answer.errors ?? []).map(canonical);
const refusals = (errors: unknown[]) =>
  errors.every(
    (e) =>
      (e as { extensions?: { code?: unknown } } | null)?.extensions?.code ===
      'INCOMPLETE_REPRESENTATION',
  );

/**
 * The peers' bugs seen by this comparison, each repairing only its own difference: an answer
 * is explained when the repairs of its peer's bugs make it ours, so another difference in the
 * same answer still fails.
 */
const KNOWN_BUGS: KnownBug[] = [
  {
    peers: [RUST],
    bug:
      'does not carry a null past a non-null root field: answers {"field": null}, or no data, ' +
      'where the GraphQL spec makes "data" null',
    repair: (ours, theirs) =>
      ours.data === null &&
      theirs.data !== null &&
      (theirs.data === undefined ||
        (typeof theirs.data === 'object' && Object.values(theirs.data).every((v) => v === null)))
        ? { ...theirs, data: null }
        : null,
  },
  {
    peers: [RUST, STITCHING],
    bug:
      'goes on under an entity an error has nulled: the fetches that @require the nulled ' +
      'field still go out, and their refusals (INCOMPLETE_REPRESENTATION) join the errors; ' +
      '@apollo/gateway sends them no representation',
    repair(ours, theirs) {
      const mine = errorsOf(ours);
      const extra = (theirs.errors ?? []).filter((e) => !mine.includes(canonical(e)));
      const kept = (theirs.errors ?? []).filter((e) => mine.includes(canonical(e)));
      return extra.length > 0 && kept.length === mine.length && refusals(extra)
        ? { ...theirs, errors: kept }
        : null;
    },
  },
  {
    peers: [STITCHING],
    bug:
      'drops the error that nulled an entity when a later fetch under it is refused: only the ' +
      "refusal (INCOMPLETE_REPRESENTATION) reaches the client, not the subgraph's reason",
    repair: (ours, theirs) =>
      (ours.errors ?? []).length > 0 &&
      (theirs.errors ?? []).length > 0 &&
      refusals(theirs.errors ?? []) &&
      !refusals(ours.errors ?? [])
        ? { ...theirs, errors: ours.errors }
        : null,
  },
];

/** The known bugs of `peer` that, repaired in turn, make its answer ours; null if none do. */
export function explained(peer: string, ours: Answer, theirs: Answer): string[] | null {
  const bugs: string[] = [];
  let repaired = theirs;
  for (const known of KNOWN_BUGS.filter((b) => b.peers.includes(peer))) {
    const next = known.repair(ours, repaired);
    if (!next) continue;
    bugs.push(known.bug);
    repaired = next;
  }
  return bugs.length > 0 && same(ours, repaired) ? bugs : null;
}

/** An operation not sent, and why: a missing variable fails the run, no dry run does not. */
interface Unsent {
  name: string;
  why: string;
  fails: boolean;
}

interface Request {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  role: string;
}

/** A mutation's records: its kind's example file (subgraphs/<name>/examples/<kind>.csv). */
async function exampleRecords(operation: string): Promise<unknown[] | null> {
  const kind = recordKinds(gatewaySchema()).find(
    (k) => mutationDocument(k).startsWith(`mutation ${operation}(`) && k.dryRun,
  );
  if (!kind) return null;
  for (const subgraph of SUBGRAPHS) {
    const file = join(PROJECT_ROOT, 'subgraphs', subgraph.name, 'examples', `${kind.name}.csv`);
    if (!existsSync(file)) continue;
    const problems: CsvProblem[] = [];
    const records: unknown[] = [];
    for await (const record of csvRecords(file, kind.input, problems)) records.push(record.value);
    if (problems.length > 0) throw new Error(`${file}: ${JSON.stringify(problems)}`);
    return records;
  }
  return null;
}

/**
 * Each listed operation with its variables: a scenario's when one sends it, else the table's;
 * a mutation only as a dry run (with its kind's example records), or not at all (null, why).
 */
async function requests(scenarios: readonly Scenario[]): Promise<(Request | Unsent)[]> {
  const out: (Request | Unsent)[] = [];
  for (const op of listedOperations()) {
    const scenario = scenarios.find((s) => !s.skipped && s.operation === op.body);
    const wanted = (op.node.variableDefinitions ?? []).map((v) => v.variable.name.value);
    let variables: Record<string, unknown> = scenario
      ? scenario.variables()
      : Object.fromEntries(
          wanted
            .filter((name) => name in VARIABLES || name in (BY_OPERATION[op.name] ?? {}))
            .map((name) => [name, BY_OPERATION[op.name]?.[name] ?? VARIABLES[name]]),
        );
    if (op.node.operation === OperationTypeNode.MUTATION) {
      if (!wanted.includes('dryRun')) {
        out.push({ name: op.name, why: 'it has no dry run', fails: false });
        continue;
      }
      if (wanted.includes('input')) {
        const input = scenario ? variables.input : await exampleRecords(op.name);
        if (!input) {
          out.push({ name: op.name, why: 'no example records', fails: false });
          continue;
        }
        variables = { ...variables, input };
      }
      variables = { ...variables, dryRun: true };
    }
    const unset = missingVariables(op.node, variables);
    if (unset.length > 0) {
      const names = unset.join(', $');
      out.push({
        name: op.name,
        why: `no value for $${names}: add one to VARIABLES in bench/gateways/compare.ts`,
        fails: true,
      });
      continue;
    }
    out.push({ name: op.name, query: op.body, variables, role: scenario?.role ?? 'admin' });
    const refused = REFUSALS[op.name];
    if (refused) {
      out.push({
        name: `${op.name} (refused: ${refused.why})`,
        query: op.body,
        variables: { ...variables, ...refused.variables },
        role: scenario?.role ?? 'admin',
      });
    }
  }
  return out;
}

/** JSON with object keys sorted: two answers are the same when these are equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** Where two answers first differ, as a path with both values. */
function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (same(a, b)) return '';
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const key of keys) {
      const found = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (found) return found;
    }
  }
  const show = (v: unknown) => (v === undefined ? 'missing' : JSON.stringify(v).slice(0, 160));
  return `${path || '(root)'}: ours ${show(a)}, theirs ${show(b)}`;
}

async function send(gateway: GatewayUnderTest, request: Request, token: string): Promise<Answer> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: request.query, variables: request.variables }),
  });
  const text = await response.text();
  try {
    return JSON.parse(text) as Answer;
  } catch {
    return { status: response.status, text: text.slice(0, 200) };
  }
}

/**
 * Compares the answers of `ours` and each peer to every listed operation; prints each
 * operation's verdict and returns how many differences no known bug explains.
 */
export async function compareAnswers(
  ours: GatewayUnderTest,
  peers: readonly GatewayUnderTest[],
  scenarios: readonly Scenario[],
  token: (role: string) => Promise<string>,
  print: (line: string) => void,
): Promise<number> {
  let unexplained = 0;
  const tally = { same: 0, known: 0, differ: 0 };
  for (const request of await requests(scenarios)) {
    if ('why' in request) {
      print(`  ${request.name}: ${request.fails ? 'NOT SENT' : 'not sent'} (${request.why})`);
      if (request.fails) unexplained++;
      continue;
    }
    const bearer = await token(request.role);
    const mine = await send(ours, request, bearer);
    for (const peer of peers) {
      const theirs = await send(peer, request, bearer);
      if (same(mine, theirs)) {
        tally.same++;
        print(`  ${request.name} on ${peer.name}: same`);
        continue;
      }
      const bugs = explained(peer.name, mine, theirs);
      if (bugs) {
        tally.known++;
        print(`  ${request.name} on ${peer.name}: differs by known peer bugs:`);
        for (const bug of bugs) print(`    - ${bug}`);
        continue;
      }
      tally.differ++;
      unexplained++;
      print(`  ${request.name} on ${peer.name}: DIFFERS at ${firstDifference(mine, theirs)}`);
      if (!same(mine.errors, theirs.errors)) {
        print(`    our errors:   ${JSON.stringify(mine.errors ?? []).slice(0, 4000)}`);
        print(`    their errors: ${JSON.stringify(theirs.errors ?? []).slice(0, 4000)}`);
      }
    }
  }
  print(
    `${tally.same} answers the same, ${tally.known} differ by a known peer bug, ` +
      `${tally.differ} differ otherwise (${peers.map((p) => p.name).join(', ')} against ours)`,
  );
  return unexplained;
}
