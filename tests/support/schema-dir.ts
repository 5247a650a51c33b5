import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kind, parse, print, visit } from 'graphql';
import { compose } from '../../scripts/publish/compose';
import { servedSubgraphs } from '../../scripts/publish/publish';
import { PROJECT_ROOT } from '../../platform/paths';

const SCHEMA = join(PROJECT_ROOT, 'schema');

/** A copy of schema/ (the subgraphs' SDL, the supergraph, the manifest) in a folder of its own. */
export function schemaCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fengqiao-schema-'));
  for (const file of readdirSync(SCHEMA)) {
    if (file.endsWith('.graphql') || file === 'operations.json') {
      copyFileSync(join(SCHEMA, file), join(dir, file));
    }
  }
  return dir;
}

/** `sdl` without the field `type.field`, as a department that drops it would publish. */
export function withoutField(sdl: string, type: string, field: string): string {
  let typeName = '';
  return print(
    visit(parse(sdl), {
      enter(node) {
        if ('name' in node && node.kind !== Kind.FIELD_DEFINITION && node.name) {
          if (node.kind.endsWith('TypeDefinition') || node.kind.endsWith('TypeExtension')) {
            typeName = node.name.value;
          }
        }
        if (node.kind === Kind.FIELD_DEFINITION && typeName === type && node.name.value === field) {
          return null;
        }
        return undefined;
      },
    }),
  );
}

/**
 * Makes `dir` hold the state before a department published `sdl` for `name`: its older SDL
 * and the supergraph composed with it.
 */
export function publishedBefore(dir: string, name: string, olderSdl: string): void {
  const current = readFileSync(join(dir, 'supergraph.graphql'), 'utf8');
  const subgraphs = servedSubgraphs(dir, current).map((s) =>
    s.name === name ? { ...s, sdl: olderSdl } : s,
  );
  const composed = compose(subgraphs);
  if (!('supergraphSdl' in composed)) throw new Error(composed.errors.join('\n'));
  writeFileSync(join(dir, `${name}.graphql`), olderSdl);
  writeFileSync(join(dir, 'supergraph.graphql'), composed.supergraphSdl);
}
