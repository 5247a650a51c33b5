import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../platform/paths';
import { DEPARTMENT_REGISTRY } from '../../../subgraphs/kit/service/registry';

/**
 * The screen and GraphiQL take every department's label and column from the answers: a
 * department added to the registry shows without a change in web/, so web/ names none of them.
 * The answers' types (generated/, from the schema by `npm run schema`) are not written by hand.
 */
const WEB = join(PROJECT_ROOT, 'web');
const files = readdirSync(WEB, { recursive: true, encoding: 'utf8' }).filter(
  (f) => /\.(ts|js|html|css)$/.test(f) && !f.split('/').includes('generated'),
);

describe('web/', () => {
  it.each(DEPARTMENT_REGISTRY.map((d) => [d.name, d] as const))(
    'names nothing of the %s department',
    (_, department) => {
      const names = [
        department.enum,
        department.label,
        department.board.field,
        department.board.type,
        department.statistics.field,
        department.records.field,
        department.catalog.field,
      ];
      const quoted = new RegExp(`['"\`]${department.name}['"\`]`);
      const found = files.flatMap((file) => {
        const text = readFileSync(join(WEB, file), 'utf8');
        return [
          ...names.filter((name) => text.includes(name)).map((name) => `${file}: ${name}`),
          ...(quoted.test(text) ? [`${file}: "${department.name}"`] : []),
        ];
      });
      expect(files.length).toBeGreaterThan(10);
      expect(found).toEqual([]);
    },
  );
});
