import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../platform/paths';

/**
 * examples/fire-department is written as an outside vendor would write it: its own package
 * with the Federation library, graphql, a PostgreSQL client and a JWT library, and nothing of
 * the platform's code. These tests keep it so.
 */
const FIRE = join(PROJECT_ROOT, 'examples', 'fire-department');
const ALLOWED = ['@apollo/subgraph', 'graphql', 'jose', 'pg'];

const sources = readdirSync(join(FIRE, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.js'))
  .map((file) => [file, readFileSync(join(FIRE, 'src', file), 'utf8')] as const);

/** Every module a file imports, statically or dynamically. */
const importsOf = (text: string) =>
  [
    ...text.matchAll(
      /(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]/g,
    ),
  ].map((m) => m[1] ?? m[2] ?? '');

describe('the fire department as an outside package', () => {
  it('depends on @apollo/subgraph, graphql, jose and pg only, at exact versions', () => {
    const pkg = JSON.parse(readFileSync(join(FIRE, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    expect(Object.keys(pkg.dependencies).sort()).toEqual(ALLOWED);
    expect(pkg.devDependencies).toBeUndefined();
    for (const version of Object.values(pkg.dependencies))
      expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('reads the imports of its files (the reading below can see them)', () => {
    const all = new Set(sources.flatMap(([, text]) => importsOf(text)));
    expect([...all].filter((s) => !s.startsWith('.') && !s.startsWith('node:')).sort()).toEqual(
      ALLOWED,
    );
  });

  it.each(sources.map(([file, text]) => [file, text]))(
    '%s imports only its own modules, Node and those packages',
    (_file, text) => {
      for (const specifier of importsOf(text)) {
        const own = specifier.startsWith('./');
        const node = specifier.startsWith('node:');
        expect({ specifier, fine: own || node || ALLOWED.includes(specifier) }).toEqual({
          specifier,
          fine: true,
        });
      }
    },
  );
});
