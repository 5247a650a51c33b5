import { buildSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { SUPERGRAPH_FILE } from '../../platform/paths';
import { apiSchema } from '../../scripts/api-schema';
import { describeChanges, schemaChanges } from '../../scripts/schema-changes';

const BEFORE = `
  enum Grade { GOOD FAIR }
  type Row { station: String! score: Float! grade: Grade! }
  type Query { rows: [Row!]! }
`;

const changesTo = (after: string) => schemaChanges(buildSchema(BEFORE), buildSchema(after));

describe('the classification of API schema changes', () => {
  it('finds nothing between a schema and itself', async () => {
    const api = apiSchema(readFileSync(SUPERGRAPH_FILE, 'utf8'));
    await expect(schemaChanges(api, api)).resolves.toEqual([]);
  });

  it('calls an added field safe', async () => {
    const changes = await changesTo(BEFORE.replace('grade: Grade!', 'grade: Grade! rank: Int'));
    expect(changes).toEqual([
      expect.objectContaining({ severity: 'safe', type: 'FIELD_ADDED', path: 'Row.rank' }),
    ]);
  });

  it('calls a removed field breaking', async () => {
    const changes = await changesTo(BEFORE.replace('score: Float!', ''));
    expect(changes).toEqual([
      expect.objectContaining({ severity: 'breaking', type: 'FIELD_REMOVED', path: 'Row.score' }),
    ]);
  });

  it('calls an added enum value dangerous, and says why', async () => {
    const changes = await changesTo(BEFORE.replace('GOOD FAIR', 'GOOD FAIR POOR'));
    expect(changes).toEqual([
      expect.objectContaining({
        severity: 'dangerous',
        type: 'ENUM_VALUE_ADDED',
        path: 'Grade.POOR',
      }),
    ]);
    expect(changes[0].reason).toMatch(/enum value/);
  });

  it('lists the most severe first, one line each', async () => {
    const changes = await changesTo(
      BEFORE.replace('GOOD FAIR', 'GOOD FAIR POOR')
        .replace('grade: Grade!', 'grade: Grade! rank: Int')
        .replace('score: Float!', ''),
    );
    expect(changes.map((c) => c.severity)).toEqual(['breaking', 'dangerous', 'safe']);
    const lines = describeChanges(changes).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe("  breaking  Field 'score' was removed from object type 'Row'");
    expect(lines[1]).toMatch(/^ {2}dangerous Enum value 'POOR' was added to enum 'Grade' \(.+\)$/);
    expect(lines[2]).toBe("  safe      Field 'rank' was added to object type 'Row'");
  });
});
