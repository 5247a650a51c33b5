import { readFileSync } from 'node:fs';
import { getMetadataStorage } from 'type-graphql';
import { SUPERGRAPH_FILE } from '../../platform/paths';
import { apiSchema } from '../../scripts/api-schema';
import { buildFederatedSchema } from '../../subgraphs/kit/service/federated-schema';
import { SUBGRAPHS } from '../../subgraphs/list';
import { postGraphQL, startPlatform, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';
import {
  ACCESS_MATRIX,
  OTHER_STATION,
  OWN_STATION,
  ROLES,
  type AccessRow,
  type AskAsAdmin,
  type Role,
} from './access-matrix';

let platform: Platform;
const tokens = new Map<Role, string>();

beforeAll(async () => {
  platform = await startPlatform({ seed: 'city' });
  for (const [role, claims] of Object.entries(ROLES)) {
    tokens.set(role, await tokenFor(...claims));
  }
});
afterAll(() => platform.stop());

/** A fingerprint of the tables a mutation writes: equal before and after means nothing changed. */
function fingerprint(row: AccessRow): Promise<string[]> {
  return Promise.all((row.writes ?? []).map((table) => platform.fingerprint(row.subgraph, table)));
}

/** What a row's `prepare` runs: an operation through the gateway as admin, which must pass. */
const asAdmin: AskAsAdmin = async (query, variables) => {
  const res = await platform.query(query, { token: tokens.get('admin'), variables });
  if (res.errors) throw new Error(`preparing a row: ${res.errors[0]?.message}`);
  return res.data;
};

type Path = 'gateway' | 'subgraph';

async function attempt(row: AccessRow, who: Role, path: Path) {
  const { query, variables } = path === 'subgraph' && row.direct ? row.direct : row;
  const url = path === 'gateway' ? platform.gateway.url : platform.service(row.subgraph).url;
  const prepared = row.prepare ? await row.prepare(asAdmin) : undefined;
  const before = await fingerprint(row);
  const res = await postGraphQL(url, query, {
    token: who === 'anonymous' ? undefined : tokens.get(who),
    variables: prepared ?? (typeof variables === 'function' ? variables() : variables),
    ...(path === 'subgraph' ? { proofFor: row.subgraph } : {}),
  });
  const codes = [...new Set(res.errors?.map((e) => e.extensions?.code))];
  const allowed = who !== 'anonymous' && row.allowed.includes(who);
  if (allowed && row.answer) return { codes, answer: row.answer.read(res.data) };
  return allowed || !row.writes
    ? { codes }
    : { codes, unchanged: (await fingerprint(row)).join() === before.join() };
}

function expected(row: AccessRow, who: Role) {
  if (who !== 'anonymous' && row.allowed.includes(who)) {
    return row.answer ? { codes: [], answer: row.answer.expected } : { codes: [] };
  }
  const codes = [who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN'];
  return row.writes ? { codes, unchanged: true } : { codes };
}

const WHO: Role[] = ['anonymous', ...Object.keys(ROLES)];
const CELLS = ACCESS_MATRIX.flatMap((row) =>
  WHO.map((who) => ({
    field: row.field,
    who,
    verdict: who !== 'anonymous' && row.allowed.includes(who) ? 'allowed' : 'denied',
    row,
  })),
);

describe.each<Path>(['gateway', 'subgraph'])('every role × every field, through the %s', (path) => {
  it.each(CELLS)('$field as $who: $verdict', async ({ row, who }) => {
    expect(await attempt(row, who, path)).toEqual(expected(row, who));
  });
});

/**
 * `Type.field` of every field below the root that a subgraph guards with a grant (e.g.
 * Grant.ownStation), read from type-graphql's metadata of the subgraphs' schemas.
 */
function guardedFields(): string[] {
  SUBGRAPHS.forEach((definition) => buildFederatedSchema(definition));
  const storage = getMetadataStorage();
  const typeName = (target: unknown) =>
    storage.objectTypes.find((type) => type.target === target)?.name ?? String(target);
  // A field resolver's grant shows on its resolver and, once built, on its type's field too.
  const fields = [
    ...storage.objectTypes.flatMap((type) =>
      (type.fields ?? [])
        .filter((field) => field.roles?.length)
        .map((field) => `${type.name}.${field.schemaName}`),
    ),
    ...storage.fieldResolvers
      .filter((resolver) => resolver.roles?.length)
      .map((resolver) => `${typeName(resolver.getObjectType?.())}.${resolver.schemaName}`),
  ];
  return [...new Set(fields)];
}

describe('the matrix', () => {
  const api = apiSchema(readFileSync(SUPERGRAPH_FILE, 'utf8'));

  it('has a row for every root field of the supergraph and every guarded field, and no other', () => {
    const roots = [api.getQueryType(), api.getMutationType()].flatMap((type) =>
      type ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`) : [],
    );
    const required = [...roots, ...guardedFields()];
    // A field open to all whose answer is limited has a row too, if the schema has the field.
    const limited = Object.values(api.getTypeMap()).flatMap((type) =>
      'getFields' in type && !type.name.startsWith('__')
        ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`)
        : [],
    );
    const rows = ACCESS_MATRIX.map((row) => row.field);
    const answered = ACCESS_MATRIX.filter((row) => row.answer).map((row) => row.field);
    expect({
      missing: required.filter((field) => !rows.includes(field)),
      unknown: rows.filter(
        (field) =>
          !required.includes(field) && !(answered.includes(field) && limited.includes(field)),
      ),
      repeated: rows.filter((field, i) => rows.indexOf(field) !== i),
    }).toEqual({ missing: [], unknown: [], repeated: [] });
  });

  it('asks about stations the registry holds', async () => {
    const res = await platform.query(
      'query($own: ID!, $other: ID!) { own: station(code: $own) { code } other: station(code: $other) { code } }',
      { token: tokens.get('admin'), variables: { own: OWN_STATION, other: OTHER_STATION } },
    );
    expect(res.data).toEqual({ own: { code: OWN_STATION }, other: { code: OTHER_STATION } });
  });
});
