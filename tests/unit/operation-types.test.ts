import { readFileSync } from 'node:fs';
import { OPERATIONS_FILE, SUPERGRAPH_FILE } from '../../platform/paths';
import { apiSchema } from '../../scripts/api-schema';
import { operationTypes, TYPED_CLIENTS } from '../../scripts/operation-types';

const api = apiSchema(readFileSync(SUPERGRAPH_FILE, 'utf8'));
const manifest = JSON.parse(readFileSync(OPERATIONS_FILE, 'utf8')) as {
  operations: { name: string; body: string }[];
};
const [screen, subgraphs] = TYPED_CLIENTS;

/** The manifest with one operation's text changed. */
function edited(name: string, edit: (body: string) => string): typeof manifest {
  return {
    ...manifest,
    operations: manifest.operations.map((o) =>
      o.name === name ? { ...o, body: edit(o.body) } : o,
    ),
  };
}

describe("the clients' generated operation types", () => {
  // What `npm run schema:check` compares: a committed file that differs fails it.
  it('are committed exactly as `npm run schema` prints them', async () => {
    const files = await operationTypes(api, manifest);
    expect([...files.keys()]).toEqual(TYPED_CLIENTS.map((client) => client.output));
    for (const [file, text] of files)
      expect([file, readFileSync(file, 'utf8')]).toEqual([file, text]);
  });

  it("leave a client's committed file stale when its operation changes, and only its own", async () => {
    const files = await operationTypes(
      api,
      edited('ScreenOfficialBoard', (body) =>
        body.replace('publisherName\n', 'publisherName\n    dataCutoff\n'),
      ),
    );
    const text = files.get(screen.output) ?? '';
    expect(text).not.toBe(readFileSync(screen.output, 'utf8'));
    expect(text).toMatch(
      /ScreenOfficialBoardQuery = \{ publishedBoard: \{[^}]* dataCutoff: string,/,
    );
    expect(files.get(subgraphs.output)).toBe(readFileSync(subgraphs.output, 'utf8'));
  });

  it('type each listed operation by its name, its variables and its data from the schema', async () => {
    const text = (await operationTypes(api, manifest)).get(subgraphs.output) ?? '';
    expect(text).toContain(
      'UnregisteredStations: { data: UnregisteredStationsQuery; variables: UnregisteredStationsQueryVariables };',
    );
    // assessmentScheme(id) answers null for an unknown scheme: the type says so.
    expect(text).toMatch(/SchemeKeysQuery = \{ assessmentScheme: \{.*\} \| null \};/);
  });

  it('take the operations of a file `npm run schema` writes itself from memory, not the disk', async () => {
    const written = new Map([['subgraphs.graphql', 'query SchemeKeys { __typename }']]);
    const text = (await operationTypes(api, manifest, written)).get(subgraphs.output) ?? '';
    expect(text).toContain('SchemeKeys: {');
    expect(text).not.toContain('UnregisteredStations');
  });

  it('refuse an operation the manifest does not list', async () => {
    const listed = {
      ...manifest,
      operations: manifest.operations.filter((o) => o.name !== 'SchemeKeys'),
    };
    await expect(operationTypes(api, listed)).rejects.toThrow(
      'schema/operations.json lists no operation SchemeKeys',
    );
  });
});
