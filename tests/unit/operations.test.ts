import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  operationId,
  type ListedOperation,
  type OperationManifest,
} from '../../platform/operations';
import { SUPERGRAPH_FILE } from '../../platform/paths';
import { apiSchema } from '../../scripts/api-schema';
import { operationManifest } from '../../scripts/operations';

const api = apiSchema(readFileSync(SUPERGRAPH_FILE, 'utf8'));

function manifestOf(files: Record<string, string>, published: ListedOperation[] = []) {
  const dir = join(mkdtempSync(join(tmpdir(), 'safelist-')), 'operations');
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const { text, errors } = operationManifest(dir, api, new Map(), published);
  return { manifest: JSON.parse(text) as OperationManifest, errors };
}

describe('the safelist manifest built from operations/*.graphql', () => {
  it('lists each operation with the fragments it uses, by the SHA-256 of its text', () => {
    const { manifest, errors } = manifestOf({
      'a.graphql': 'query One($code: ID!) { station(code: $code) { ...Names } }',
      'b.graphql': `mutation Two($input: [StationInput!]!) { upsertStations(input: $input) { inserted } }
        fragment Names on Station { name division { ...Division } }
        fragment Division on Division { name }`,
    });
    expect(errors).toEqual([]);
    expect(manifest.operations.map(({ name, type }) => [name, type])).toEqual([
      ['One', 'query'],
      ['Two', 'mutation'],
    ]);
    const one = manifest.operations[0];
    expect(one?.body).toBe(
      'query One($code: ID!) {\n  station(code: $code) {\n    ...Names\n  }\n}\n\n' +
        'fragment Division on Division {\n  name\n}\n\n' +
        'fragment Names on Station {\n  name\n  division {\n    ...Division\n  }\n}',
    );
    expect(one?.id).toBe(operationId(one?.body ?? ''));
  });

  it('names the file and operation of everything that keeps an operation off the list', () => {
    const { errors } = manifestOf({
      'bad.graphql': `{ divisions { code } }
        query Twice { divisions { code } }
        query Twice { divisions { name } }
        query Unknown { divisions { secret } }
        query Deep { divisions { ${'children { '.repeat(12)}code${' }'.repeat(12)} } }
        fragment Spare on Division { code }`,
      'broken.graphql': 'query Broken {',
    });
    expect(errors).toEqual([
      'operations/bad.graphql: every operation needs a name, the one clients and logs know it by',
      'operations/bad.graphql: Twice is defined again (first in operations/bad.graphql)',
      'operations/broken.graphql: Syntax Error: Expected Name, found <EOF>.',
      'operations/bad.graphql: Deep: Operation Deep is 14 levels deep; the gateway allows at most 12 (MAX_QUERY_DEPTH)',
      'operations/bad.graphql: Unknown: Cannot query field "secret" on type "Division".',
      'operations/bad.graphql: fragment Spare is used by no operation',
    ]);
  });

  it("keeps what clients published, after the repository's, each checked again", () => {
    const published = (client: string, name: string, body: string): ListedOperation => ({
      id: operationId(body),
      name,
      type: 'query',
      body,
      client,
    });
    const { manifest, errors } = manifestOf({ 'a.graphql': 'query One { divisions { code } }' }, [
      published('screen-b', 'Two', 'query Two {\n  divisions {\n    name\n  }\n}'),
      published('screen-a', 'Gone', 'query Gone {\n  divisions {\n    removed\n  }\n}'),
      published('screen-a', 'One', 'query One {\n  divisions {\n    name\n  }\n}'),
    ]);
    expect(manifest.operations.map(({ client, name }) => [client, name])).toEqual([
      [undefined, 'One'],
      ['screen-a', 'Gone'],
      ['screen-a', 'One'],
      ['screen-b', 'Two'],
    ]);
    expect(errors).toEqual([
      'client screen-a: Gone: Cannot query field "removed" on type "Division".',
      "One: the name is client screen-a's",
    ]);
  });
});
