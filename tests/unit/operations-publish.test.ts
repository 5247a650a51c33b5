import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LIMITS } from '../../platform/limits';
import {
  canonicalText,
  operationId,
  readManifest,
  type ListedOperation,
} from '../../platform/operations';
import { parse } from 'graphql';
import {
  publishOperations,
  type OperationsPublication,
} from '../../scripts/publish/client-operations';
import { publishSubgraph } from '../../scripts/publish/publish';
import { schemaCopy, withoutField } from '../support/schema-dir';

/**
 * `npm run operations:publish`: a team's operations listed in the safelist's manifest under its
 * name, checked as the repository's own are, and then guarded by schema:publish like theirs.
 */
let dir: string;

const FRAUD = `# What the city's fraud screen shows of a station
query FraudOfAStation($code: ID!, $period: String!) {
  station(code: $code) { name ...Fraud }
}
fragment Fraud on Station { caseStats(period: $period) { telecomFraudFiled } }`;

const NAMES = 'query StationNames { divisions { code name } }';

const publish = (
  client: string,
  texts: Record<string, string>,
  options: Partial<OperationsPublication> = {},
) =>
  publishOperations({
    client,
    sources: Object.entries(texts).map(([file, text]) => ({ file, text })),
    schemaDir: dir,
    maxCost: DEFAULT_LIMITS.cost,
    dryRun: false,
    ...options,
  });

const listed = (): ListedOperation[] => readManifest(join(dir, 'operations.json')).operations;

beforeEach(() => {
  dir = schemaCopy();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('operations:publish', () => {
  it("lists a client's operations under its name, by the id a client computes from its own text", () => {
    const before = listed();
    const result = publish('fraud-screen', { 'fraud.graphql': FRAUD });
    console.log(result.text);
    expect(result.problems).toEqual([]);
    expect(result.published).toBe(true);
    const added = listed().filter((o) => o.client === 'fraud-screen');
    expect(added.map(({ name, type }) => ({ name, type }))).toEqual([
      { name: 'FraudOfAStation', type: 'query' },
    ]);
    // The id is the SHA-256 of the document printed: the client's own file gives it.
    const id = operationId(canonicalText(parse(FRAUD).definitions));
    expect(added[0]?.id).toBe(id);
    expect(result.text).toContain(`| FraudOfAStation | query | \`${id}\` |`);
    expect(result.operations[0]?.cost).toBeGreaterThan(0);
    // The repository's operations stay, in their order, before the clients'.
    expect(listed().slice(0, before.length)).toEqual(before);
  });

  it('replaces what the same client published under the same name, and keeps its others', () => {
    publish('fraud-screen', { 'fraud.graphql': FRAUD, 'names.graphql': NAMES });
    const changed = FRAUD.replace('name ...Fraud', 'name code ...Fraud');
    expect(publish('fraud-screen', { 'fraud.graphql': changed }).published).toBe(true);
    const mine = listed().filter((o) => o.client === 'fraud-screen');
    expect(mine.map((o) => o.name)).toEqual(['FraudOfAStation', 'StationNames']);
    expect(mine[0]?.body).toContain('name\n    code');
  });

  it.each([
    [
      "a name another client's",
      () => publish('other-team', { 'a.graphql': NAMES.replace('code name', 'name') }),
      "StationNames: the name is client fraud-screen's",
    ],
    [
      "a name of the repository's",
      () => publish('other-team', { 'a.graphql': 'query Station { divisions { code } }' }),
      "Station: the name is the repository's",
    ],
    [
      'a field the schema lacks',
      () => publish('other-team', { 'a.graphql': 'query Bad { divisions { secret } }' }),
      'a.graphql: Bad: Cannot query field "secret" on type "Division".',
    ],
    [
      'an operation over MAX_COST',
      () =>
        publish(
          'other-team',
          { 'fraud.graphql': FRAUD.replace(/FraudOfAStation/, 'Mine') },
          { maxCost: 2 },
        ),
      'Mine: estimated to cost',
    ],
    [
      'a client name not a word',
      () => publish('Other Team', { 'a.graphql': NAMES }),
      '--client must be',
    ],
  ])('refuses %s, writing nothing', (_case, run, problem) => {
    publish('fraud-screen', { 'names.graphql': NAMES });
    const before = readFileSync(join(dir, 'operations.json'), 'utf8');
    const result = run();
    console.log(result.text);
    expect(result.published).toBe(false);
    expect(result.problems.join('\n')).toContain(problem);
    expect(result.text).toContain('REFUSED');
    expect(readFileSync(join(dir, 'operations.json'), 'utf8')).toBe(before);
  });

  it('writes nothing on a dry run', () => {
    const before = readFileSync(join(dir, 'operations.json'), 'utf8');
    const result = publish('fraud-screen', { 'fraud.graphql': FRAUD }, { dryRun: true });
    expect([result.published, result.problems, result.text]).toEqual([
      false,
      [],
      expect.stringContaining('DRY RUN'),
    ]);
    expect(readFileSync(join(dir, 'operations.json'), 'utf8')).toBe(before);
  });

  it("makes schema:publish refuse a change that breaks a client's published operation, naming both", async () => {
    const sdl = withoutField(
      readFileSync(join(dir, 'cases.graphql'), 'utf8'),
      'CaseStats',
      'telecomFraudFiled',
    );
    const options = {
      name: 'cases',
      sdl,
      schemaDir: dir,
      maxCost: DEFAULT_LIMITS.cost,
      dryRun: true,
      author: 'cases team',
      reason: 'test',
    };
    // No listed operation reads the field: a warning only.
    expect((await publishSubgraph(options)).report?.verdict).toBe('warn');
    publish('fraud-screen', { 'fraud.graphql': FRAUD });
    const result = await publishSubgraph(options);
    console.log(result.text);
    expect(result.report?.verdict).toBe('refuse');
    expect(result.text).toContain(
      '`FraudOfAStation` (client fraud-screen): Cannot query field "telecomFraudFiled"',
    );
  });
});
