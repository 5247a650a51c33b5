/** Where a scope lies among the GB/T 2260 divisions, and their names. */
import type { DivisionNode } from './types';

export function namesOf(divisions: readonly DivisionNode[]): Map<string, string> {
  const names = new Map<string, string>();
  const walk = (nodes: readonly DivisionNode[]) =>
    nodes.forEach((node) => {
      names.set(node.code, node.name);
      walk(node.children ?? []);
    });
  walk(divisions);
  return names;
}

/** The province, city and county a scope lies in ('' for a level it does not reach). */
export function scopeLevels(scope: string): { province: string; city: string; county: string } {
  const province = `${scope.slice(0, 2)}0000`;
  if (scope === province) return { province, city: '', county: '' };
  const city = `${scope.slice(0, 4)}00`;
  return { province, city, county: scope === city ? '' : scope.slice(0, 6) };
}
