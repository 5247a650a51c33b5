import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { envVar } from '../../../platform/config';
import { PROJECT_ROOT } from '../../../platform/paths';

/**
 * The registry of departments: departments.json at the project's root (DEPARTMENTS_FILE names
 * another), data rather than code. Everything that names the departments derives from it: the
 * subgraphs started and composed, the roles a token may carry, the Department enum, the board's
 * department fields that the assessors @require, and the order of a row's department scores.
 * A department is one entry; its code, when it has code here, is found through the entry.
 */
export interface DepartmentEntry {
  /**
   * One lower-case word: the subgraph (its name in the supergraph, `<NAME>_PORT`, `<NAME>_URL`),
   * the role `department:<name>` and its indicators' key prefix (`<name>.<figure>`).
   */
  name: string;
  /** Its value of the Department enum, e.g. CASES. */
  enum: string;
  /** What the screen and exports call it, e.g. 刑侦治安. */
  label: string;
  /** The enum value's description, e.g. "刑侦/治安 Criminal cases and disputes …". */
  description: string;
  /** Where it listens by default; `<NAME>_PORT` (its process) and `<NAME>_URL` override it. */
  port: number;
  service: DepartmentService;
  /** The AssessmentBoard field its indicators come in, its type and that type's Chinese term. */
  board: { field: string; type: string; term: string };
  /** The Station (and Division) field of its statistics, e.g. caseStats. */
  statistics: { field: string };
  /** The Station field listing the records behind its figures, e.g. caseRecords. */
  records: { field: string };
  /** The Query field serving its indicator catalog, e.g. caseIndicatorCatalog. */
  catalog: { field: string };
}

/**
 * How the platform runs a department:
 * - `kit`: built with subgraphs/kit; the module (a path from the project's root) exports the
 *   subgraph under the department's name, and the launcher runs it like every in-house subgraph;
 * - `command`: its own process, which the launcher starts in `cwd` with PORT (its port),
 *   DATABASE_URL, GATEWAY_URL and the token keys in its environment;
 * - `url`: run elsewhere; the platform only routes to it.
 * A department without kit code gives `sdl`, the file of the subgraph schema it serves, which
 * `npm run schema` composes.
 */
export type DepartmentService =
  { kit: string } | { command: string[]; cwd: string; sdl: string } | { url: string; sdl: string };

const DEFAULT_REGISTRY_FILE = join(PROJECT_ROOT, 'departments.json');

/** departments.json, or the file DEPARTMENTS_FILE names (relative to the project's root). */
export function registryFile(): string {
  const named = envVar('DEPARTMENTS_FILE');
  if (named === undefined) return DEFAULT_REGISTRY_FILE;
  return isAbsolute(named) ? named : join(PROJECT_ROOT, named);
}

const NAME = /^[a-z][a-z0-9]*$/;
const ENUM = /^[A-Z][A-Z0-9_]*$/;
const FIELD = /^[a-z][A-Za-z0-9]*$/;
const TYPE = /^[A-Z][A-Za-z0-9]*$/;

function text(where: string, value: unknown, pattern?: RegExp): string {
  if (typeof value !== 'string' || value.trim() === '' || (pattern && !pattern.test(value))) {
    throw new Error(`${where} must be ${pattern ? `a string matching ${pattern}` : 'a text'}`);
  }
  return value;
}

function fieldOf(where: string, value: unknown): { field: string } {
  const entry = (value ?? {}) as Record<string, unknown>;
  return { field: text(`${where}.field`, entry.field, FIELD) };
}

function serviceOf(where: string, value: unknown): DepartmentService {
  const service = (value ?? {}) as Record<string, unknown>;
  if (service.kit !== undefined) return { kit: text(`${where}.kit`, service.kit) };
  const sdl = text(`${where}.sdl`, service.sdl);
  if (service.url !== undefined) return { url: text(`${where}.url`, service.url), sdl };
  const command = service.command;
  if (!Array.isArray(command) || command.length === 0) {
    throw new Error(`${where} must give kit, command (with cwd and sdl) or url (with sdl)`);
  }
  return {
    command: command.map((part, i) => text(`${where}.command[${i}]`, part)),
    cwd: text(`${where}.cwd`, service.cwd),
    sdl,
  };
}

function entryOf(value: unknown, index: number): DepartmentEntry {
  const where = `departments[${index}]`;
  const entry = (value ?? {}) as Record<string, unknown>;
  const board = (entry.board ?? {}) as Record<string, unknown>;
  const port = entry.port;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${where}.port must be a port number`);
  }
  return {
    name: text(`${where}.name`, entry.name, NAME),
    enum: text(`${where}.enum`, entry.enum, ENUM),
    label: text(`${where}.label`, entry.label),
    description: text(`${where}.description`, entry.description),
    port,
    service: serviceOf(`${where}.service`, entry.service),
    board: {
      field: text(`${where}.board.field`, board.field, FIELD),
      type: text(`${where}.board.type`, board.type, TYPE),
      term: text(`${where}.board.term`, board.term),
    },
    statistics: fieldOf(`${where}.statistics`, entry.statistics),
    records: fieldOf(`${where}.records`, entry.records),
    catalog: fieldOf(`${where}.catalog`, entry.catalog),
  };
}

/** The entries of a registry's text, checked: every name, value and field unique. */
export function parseRegistry(json: string, file = 'the registry'): DepartmentEntry[] {
  const parsed = JSON.parse(json) as { departments?: unknown };
  if (!Array.isArray(parsed.departments)) throw new Error(`${file} has no departments list`);
  const entries = parsed.departments.map(entryOf);
  const unique = (what: string, values: string[]) => {
    const repeated = values.find((v, i) => values.indexOf(v) !== i);
    if (repeated !== undefined) throw new Error(`${file}: ${what} ${repeated} is given twice`);
  };
  unique(
    'name',
    entries.map((e) => e.name),
  );
  unique(
    'enum value',
    entries.map((e) => e.enum),
  );
  unique(
    'port',
    entries.map((e) => String(e.port)),
  );
  unique(
    'field',
    entries.flatMap((e) => [e.board.field, e.statistics.field, e.records.field, e.catalog.field]),
  );
  unique(
    'type',
    entries.map((e) => e.board.type),
  );
  return entries;
}

/**
 * The departments a registry file lists, after those of the file its `extends` names (relative
 * to it), if any: so a registry that adds one department to the platform's is that one entry.
 */
function listedIn(file: string, seen: readonly string[] = []): unknown[] {
  if (seen.includes(file)) throw new Error(`${file} extends itself`);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as {
    extends?: unknown;
    departments?: unknown;
  };
  if (!Array.isArray(parsed.departments)) throw new Error(`${file} has no departments list`);
  const own: unknown[] = parsed.departments;
  if (parsed.extends === undefined) return own;
  const base = resolve(dirname(file), text(`${file}: extends`, parsed.extends));
  return [...listedIn(base, [...seen, file]), ...own];
}

/** The entries of a registry file and of the registries it extends, checked as one registry. */
export function readRegistry(file: string): DepartmentEntry[] {
  return parseRegistry(JSON.stringify({ departments: listedIn(file) }), file);
}

/** Every department of the registry, in the board's order; read once per process. */
export const DEPARTMENT_REGISTRY: readonly DepartmentEntry[] = (() => {
  const file = registryFile();
  try {
    return readRegistry(file);
  } catch (error) {
    throw new Error(`the registry of departments ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
})();

/** The registry's entry of a department. */
export function departmentEntry(name: string): DepartmentEntry {
  const entry = DEPARTMENT_REGISTRY.find((d) => d.name === name);
  if (!entry) {
    throw new Error(
      `no department "${name}" in ${registryFile()}; it lists ` +
        DEPARTMENT_REGISTRY.map((d) => d.name).join(', '),
    );
  }
  return entry;
}

/**
 * The departments a token's role may name (`department:<name>`): the stations registry's
 * keepers and every department of the registry.
 */
export const ROLE_DEPARTMENTS: readonly string[] = [
  'stations',
  ...DEPARTMENT_REGISTRY.map((d) => d.name),
];
