import { parse } from 'csv-parse';
import {
  getNamedType,
  isEnumType,
  isNonNullType,
  isScalarType,
  type GraphQLInputField,
  type GraphQLInputObjectType,
} from 'graphql';
import { resolvers as SCALARS } from 'graphql-scalars';
import { createReadStream } from 'node:fs';

/** One CSV row turned into a mutation's input object, with the line it came from. */
export interface CsvRecord {
  line: number;
  value: Record<string, unknown>;
}

/** One thing wrong with a line of the file: one field of it, or the line (the header) whole. */
export interface CsvProblem {
  line: number;
  /** The column (the input field) at fault; absent when the problem is the whole line's. */
  field?: string;
  /** What is wrong, starting with the field and its value: `occurredOn "2019-02-30" is not …`. */
  reason: string;
}

/** GraphQL's Int: 32 bits. */
const INT_RANGE = [-(2 ** 31), 2 ** 31 - 1] as const;

type Convert = (cell: string) => unknown;

const TRUE = new Set(['true', '1', 'yes', 'y', '是']);
const FALSE = new Set(['false', '0', 'no', 'n', '否']);

function converter(field: GraphQLInputField): Convert {
  const type = getNamedType(field.type);
  if (isEnumType(type)) {
    const values = new Set(type.getValues().map((v) => v.name));
    return (cell) => {
      if (!values.has(cell)) throw new Error(`is not one of ${[...values].join(', ')}`);
      return cell;
    };
  }
  if (isScalarType(type) && type.name === 'Int') {
    return (cell) => {
      const value = Number(cell);
      if (!/^-?\d+$/.test(cell)) throw new Error('is not a whole number');
      if (value < INT_RANGE[0] || value > INT_RANGE[1]) {
        throw new Error(`is not a whole number from ${INT_RANGE[0]} to ${INT_RANGE[1]}`);
      }
      return value;
    };
  }
  // The custom scalars (LocalDate, SafeInt, …) as the subgraphs parse them: a bad date is then
  // named on its own line here, not refused by the gateway for the whole batch.
  const custom = isScalarType(type) ? SCALARS[type.name] : undefined;
  if (custom) {
    const numeric = custom.name.endsWith('Int') || custom.name.endsWith('Float');
    return (cell) => {
      try {
        custom.parseValue(numeric ? Number(cell) : cell);
      } catch {
        throw new Error(`is not a valid ${custom.name}`);
      }
      return numeric ? Number(cell) : cell;
    };
  }
  if (isScalarType(type) && type.name === 'Float') {
    return (cell) => {
      const value = Number(cell);
      if (!Number.isFinite(value)) throw new Error('is not a number');
      return value;
    };
  }
  if (isScalarType(type) && type.name === 'Boolean') {
    return (cell) => {
      const lower = cell.toLowerCase();
      if (TRUE.has(lower)) return true;
      if (FALSE.has(lower)) return false;
      throw new Error('is not true or false');
    };
  }
  return (cell) => cell;
}

/**
 * Reads a CSV export (header row of field names, UTF-8 with or without BOM) as input objects
 * of `input`, checking what the file alone can tell: known and required columns, numbers,
 * booleans, enum values and scalars (dates); every cell of every line, each problem with its
 * line and field; and a record named twice (its key, the first ID field: externalId, code),
 * a problem of the later line, as the file's batches are sent apart. An empty cell is null. A
 * line with a problem is not yielded; everything else is for the API to judge.
 */
export async function* csvRecords(
  file: string,
  input: GraphQLInputObjectType,
  problems: CsvProblem[],
): AsyncGenerator<CsvRecord> {
  const fields = input.getFields();
  const converters = new Map(Object.values(fields).map((f) => [f.name, converter(f)]));
  const key = Object.values(fields).find((f) => getNamedType(f.type).name === 'ID')?.name;
  const lineOf = new Map<unknown, number>();
  const parser = createReadStream(file).pipe(
    parse({ bom: true, columns: true, skip_empty_lines: true, trim: true, info: true }),
  );
  let checkedHeader = false;
  for await (const row of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>) {
    const { record, info } = row;
    if (!checkedHeader) {
      checkedHeader = true;
      const columns = Object.keys(record);
      const unknown = columns.filter((c) => !(c in fields));
      const missing = Object.values(fields)
        .filter(
          (f) => isNonNullType(f.type) && f.defaultValue === undefined && !columns.includes(f.name),
        )
        .map((f) => f.name);
      if (unknown.length > 0 || missing.length > 0) {
        problems.push({
          line: 1,
          reason:
            [
              unknown.length > 0 ? `unknown columns ${unknown.join(', ')}` : '',
              missing.length > 0 ? `missing columns ${missing.join(', ')}` : '',
            ]
              .filter(Boolean)
              .join('; ') + ` (${input.name} has ${Object.keys(fields).join(', ')})`,
        });
        return;
      }
    }
    const value: Record<string, unknown> = {};
    let ok = true;
    for (const [name, cell] of Object.entries(record)) {
      const field = fields[name];
      const convert = converters.get(name);
      if (!field || !convert) continue;
      if (cell === '') {
        if (isNonNullType(field.type)) {
          problems.push({ line: info.lines, field: name, reason: `${name} is required` });
          ok = false;
        } else value[name] = null;
        continue;
      }
      try {
        value[name] = convert(cell);
      } catch (error) {
        problems.push({
          line: info.lines,
          field: name,
          reason: `${name} ${JSON.stringify(cell)} ${(error as Error).message}`,
        });
        ok = false;
      }
    }
    const earlier = key === undefined ? undefined : lineOf.get(value[key]);
    if (key !== undefined && earlier !== undefined) {
      problems.push({
        line: info.lines,
        field: key,
        reason: `${key} ${JSON.stringify(value[key])} repeats line ${earlier}`,
      });
      ok = false;
    } else if (key !== undefined && value[key] != null) lineOf.set(value[key], info.lines);
    if (ok) yield { line: info.lines, value };
  }
}
