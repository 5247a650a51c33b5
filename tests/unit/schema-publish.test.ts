import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { supergraphHash } from '../../gateway/src/live-supergraph';
import { DEFAULT_LIMITS } from '../../platform/limits';
import { readHistory } from '../../scripts/publish/history';
import { publishSubgraph, type PublishOptions } from '../../scripts/publish/publish';
import { publishedBefore, schemaCopy, withoutField } from '../support/schema-dir';

/**
 * `npm run schema:publish`'s checks on the repository's own subgraphs and listed operations:
 * what passes, what passes with a warning, what is refused and why, and what is written.
 */
let dir: string;
const sdlOf = (name: string) => readFileSync(join(dir, `${name}.graphql`), 'utf8');
const publish = (options: Partial<PublishOptions> & Pick<PublishOptions, 'name' | 'sdl'>) =>
  publishSubgraph({
    schemaDir: dir,
    maxCost: DEFAULT_LIMITS.cost,
    dryRun: false,
    author: 'cases team',
    reason: 'test',
    now: new Date('2026-12-07T12:00:00Z'),
    ...options,
  });

beforeEach(() => {
  dir = schemaCopy();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('schema:publish', () => {
  it('passes an added field as safe, writes the SDL and the supergraph, and records both', async () => {
    const cases = sdlOf('cases');
    publishedBefore(dir, 'cases', withoutField(cases, 'CaseStats', 'disputesMediated'));
    const before = readFileSync(join(dir, 'supergraph.graphql'), 'utf8');
    const result = await publish({ name: 'cases', sdl: cases, reason: 'mediated disputes' });
    console.log(result.text);
    expect(result.report?.verdict).toBe('pass');
    expect(result.report?.changes).toEqual([
      expect.objectContaining({ severity: 'safe', path: 'CaseStats.disputesMediated' }),
    ]);
    expect(result.published).toBe(true);
    const after = readFileSync(join(dir, 'supergraph.graphql'), 'utf8');
    expect(after).not.toBe(before);
    expect(after).toContain('disputesMediated');
    expect(sdlOf('cases')).toMatch(/^# Published by `npm run schema:publish` \(cases team, /);
    expect(readHistory(dir)).toEqual([
      expect.objectContaining({
        hash: supergraphHash(after),
        author: 'cases team',
        reason: 'mediated disputes',
        subgraph: 'cases',
        publishedAt: '2026-12-07T12:00:00.000Z',
      }),
    ]);
    expect(existsSync(join(dir, 'history', readHistory(dir)[0].file))).toBe(true);
  });

  it('passes a removed field no listed operation uses, with a warning', async () => {
    const before = readFileSync(join(dir, 'supergraph.graphql'), 'utf8');
    const sdl = withoutField(sdlOf('cases'), 'CaseStats', 'telecomFraudFiled');
    const result = await publish({ name: 'cases', sdl, dryRun: true });
    console.log(result.text);
    expect(result.report?.verdict).toBe('warn');
    expect(result.report?.changes).toEqual([
      expect.objectContaining({ severity: 'breaking', path: 'CaseStats.telecomFraudFiled' }),
    ]);
    expect(result.text).toContain('PASS WITH WARNING');
    // A dry run writes nothing.
    expect(result.published).toBe(false);
    expect(readFileSync(join(dir, 'supergraph.graphql'), 'utf8')).toBe(before);
  });

  it('refuses a removed field a screen uses, naming the operation, and writes nothing', async () => {
    const before = readFileSync(join(dir, 'supergraph.graphql'), 'utf8');
    const sdl = withoutField(sdlOf('assessment'), 'AssessmentRow', 'vetoes');
    const result = await publish({ name: 'assessment', sdl });
    console.log(result.text);
    expect(result.report?.verdict).toBe('refuse');
    expect(result.report?.broken.map((b) => b.name)).toEqual(
      expect.arrayContaining(['ScreenLiveBoard', 'ScreenLiveStation']),
    );
    expect(result.text).toContain('`ScreenLiveBoard`: Cannot query field "vetoes"');
    expect(result.published).toBe(false);
    expect(readFileSync(join(dir, 'supergraph.graphql'), 'utf8')).toBe(before);
    expect(readHistory(dir)).toEqual([]);
  });

  it('refuses a subgraph that does not compose, naming the subgraph and the element', async () => {
    const sdl = `${sdlOf('cases')}\nextend type Query { station(code: ID!): Int }\n`;
    const result = await publish({ name: 'cases', sdl });
    console.log(result.text);
    expect(result.published).toBe(false);
    expect(result.report).toBeNull();
    expect(result.text).toContain('REFUSED: the supergraph does not compose');
    expect(result.compositionErrors.join('\n')).toMatch(
      /cases.*Query\.station|Query\.station.*cases/,
    );
  });

  it('refuses an operation priced over MAX_COST', async () => {
    const result = await publish({ name: 'cases', sdl: sdlOf('cases'), maxCost: 1000 });
    expect(result.report?.verdict).toBe('refuse');
    expect(result.report?.tooCostly.length).toBeGreaterThan(0);
    expect(result.text).toMatch(/estimated to cost \d+, more than MAX_COST \(1000\)/);
  });
});
