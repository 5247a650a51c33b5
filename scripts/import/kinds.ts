import {
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLSchema,
  parse,
  print,
} from 'graphql';
import { readFileSync } from 'node:fs';
import { SUPERGRAPH_FILE } from '../../platform/paths';
import { apiSchema } from '../api-schema';

/**
 * A kind of record a department loads: one mutation of the gateway taking `input: [X!]!`
 * (recordCases → `cases`, recordSurveyResponses → `survey-responses`, upsertStations →
 * `stations`). Read from the checked-in supergraph, so the tool knows every kind a subgraph
 * adds without a change here, and works where introspection is off.
 */
export interface RecordKind {
  name: string;
  mutation: string;
  input: GraphQLInputObjectType;
  /** Whether the mutation takes `dryRun`, which the all-or-nothing mode needs. */
  dryRun: boolean;
}

function kindName(mutation: string): string {
  return mutation
    .replace(/^(record|upsert)/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}

function asKind(field: GraphQLField<unknown, unknown>): RecordKind | null {
  const input = field.args.find((a) => a.name === 'input');
  if (!input || !isNonNullType(input.type) || !isListType(input.type.ofType)) return null;
  const item = getNamedType(input.type);
  if (!isInputObjectType(item)) return null;
  return {
    name: kindName(field.name),
    mutation: field.name,
    input: item,
    dryRun: field.args.some((a) => a.name === 'dryRun'),
  };
}

export function gatewaySchema(): GraphQLSchema {
  return apiSchema(readFileSync(SUPERGRAPH_FILE, 'utf8'));
}

export function recordKinds(schema: GraphQLSchema = gatewaySchema()): RecordKind[] {
  const fields = Object.values(schema.getMutationType()?.getFields() ?? {});
  return fields.map(asKind).filter((k): k is RecordKind => k !== null);
}

/** `cases` → `Cases`, `survey-responses` → `SurveyResponses`. */
function pascal(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase());
}

/**
 * The operation that loads a kind, printed as the gateway's safelist holds it
 * (schema/operations/loads.graphql), so the tool also works where only listed operations run.
 */
export function mutationDocument(kind: RecordKind): string {
  const dryRun = kind.dryRun ? ', $dryRun: Boolean' : '';
  const dryRunArg = kind.dryRun ? ', dryRun: $dryRun' : '';
  return print(
    parse(`mutation Load${pascal(kind.name)}($input: [${kind.input.name}!]!${dryRun}) {
      ${kind.mutation}(input: $input${dryRunArg}) { inserted updated unchanged }
    }`),
  );
}
