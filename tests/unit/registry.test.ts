import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../platform/paths';
import { catalogIndicators, catalogVersion } from '../../subgraphs/kit/contract/indicator-catalog';
import { count, share } from '../../subgraphs/kit/figures/indicators';
import {
  DEPARTMENT_REGISTRY,
  parseRegistry,
  readRegistry,
  registryFile,
} from '../../subgraphs/kit/service/registry';

/** The registry of departments (departments.json) as data: checked when read. */
const text = readFileSync(registryFile(), 'utf8');
const entry = (JSON.parse(text) as { departments: Record<string, unknown>[] }).departments[0];
const registry = (...departments: unknown[]) => JSON.stringify({ departments });

describe('the registry of departments', () => {
  it('reads departments.json: every entry whole, each name, value, port and field once', () => {
    expect(parseRegistry(text)).toEqual(DEPARTMENT_REGISTRY);
    expect(DEPARTMENT_REGISTRY.length).toBeGreaterThan(0);
  });

  it('refuses an entry given twice, a field two departments claim, or a malformed one', () => {
    expect(() => parseRegistry(registry(entry, entry))).toThrow(/is given twice/);
    const board = entry?.board as Record<string, unknown>;
    expect(() =>
      parseRegistry(registry(entry, { ...entry, name: 'fire', enum: 'FIRE', port: 4010, board })),
    ).toThrow(/is given twice/);
    expect(() => parseRegistry(registry({ ...entry, enum: 'cases' }))).toThrow(/enum/);
    expect(() => parseRegistry(registry({ ...entry, port: 70000 }))).toThrow(/port/);
    expect(() => parseRegistry(registry({ ...entry, service: { command: ['node'] } }))).toThrow(
      /cwd|sdl/,
    );
  });

  it('takes a department that runs as its own process, or elsewhere, with its SDL file', () => {
    const outside = {
      ...entry,
      service: { command: ['node', 'server.js'], cwd: 'examples/x', sdl: 'examples/x/x.graphql' },
    };
    expect(parseRegistry(registry(outside))[0]?.service).toEqual(outside.service);
    const remote = { ...entry, service: { url: 'http://x:4010/graphql', sdl: 'x.graphql' } };
    expect(parseRegistry(registry(remote))[0]?.service).toEqual(remote.service);
  });

  it("reads a registry that extends the platform's: its departments, then the one it adds", () => {
    const fire = readRegistry(
      join(PROJECT_ROOT, 'examples', 'fire-department', 'departments.json'),
    );
    expect(fire.slice(0, -1)).toEqual(DEPARTMENT_REGISTRY);
    expect(fire.at(-1)).toMatchObject({
      name: 'fire',
      label: '消防',
      service: { command: ['node', 'src/main.js'], cwd: 'examples/fire-department' },
    });
  });
});

interface Figures {
  a: number;
  b: number;
}

describe("a department's catalog version", () => {
  const indicators = {
    a: count<Figures>('甲', 'a'),
    r: share<Figures>('比', 'a', 'b'),
  };

  it('is the same for the same catalog and changes with any label, kind or figure read', () => {
    const version = catalogVersion(catalogIndicators('x', indicators));
    expect(catalogVersion(catalogIndicators('x', indicators))).toBe(version);
    const relabelled = { ...indicators, a: count<Figures>('乙', 'a') };
    expect(catalogVersion(catalogIndicators('x', relabelled))).not.toBe(version);
    const reread = { ...indicators, r: share<Figures>('比', 'b', 'a') };
    expect(catalogVersion(catalogIndicators('x', reread))).not.toBe(version);
  });
});
