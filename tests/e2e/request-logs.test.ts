import { createLogger } from '../../platform/log';
import { startPlatform, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';

interface LogLine {
  msg: string;
  service: string;
  requestId?: string;
  operation?: string | null;
  status?: number;
  durationMs?: number;
  errors?: string[];
}

// Every service of this platform logs here, as JSON lines, the way they reach stdout.
const lines: LogLine[] = [];
const logger = createLogger({
  level: 'info',
  destination: { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
});

let platform: Platform;
let admin: string;

beforeAll(async () => {
  platform = await startPlatform({ seed: 'city', logger });
  admin = await tokenFor('admin');
});
afterAll(() => platform.stop());

function requestLines(requestId: string): LogLine[] {
  return lines.filter((l) => l.msg === 'graphql request' && l.requestId === requestId);
}

async function send(query: string, headers: Record<string, string> = {}) {
  const response = await fetch(platform.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}`, ...headers },
    body: JSON.stringify({ query }),
  });
  await response.json();
  return response.headers.get('x-request-id') ?? '';
}

describe('one log line per request, with the same request id on every service', () => {
  it('logs the gateway and the subgraph under the id the gateway made', async () => {
    const id = await send(
      'query Station { station(code: "330681500001") { name division { name } } }',
    );
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const found = requestLines(id);
    expect(found.map((l) => l.service).sort()).toEqual(['gateway', 'stations']);
    const gateway = found.find((l) => l.service === 'gateway');
    expect(gateway).toMatchObject({ operation: 'Station', status: 200, errors: [] });
    expect(gateway?.durationMs).toBeGreaterThan(0);
    expect(found.find((l) => l.service === 'stations')).toMatchObject({
      operation: 'Station__stations__0',
      status: 200,
      errors: [],
    });
  });

  it("keeps the caller's id and names the error codes", async () => {
    const id = await send('query Bad { stations(scope: "3306") { totalCount } }', {
      'x-request-id': 'screen-42-abc',
    });
    expect(id).toBe('screen-42-abc');
    const found = requestLines(id);
    expect(found).toHaveLength(2);
    for (const line of found) expect(line.errors).toEqual(['BAD_USER_INPUT']);
  });

  it('logs a request refused for its token, with its id and code', async () => {
    const id = await send('{ stations { totalCount } }', { authorization: 'Bearer nonsense' });
    expect(requestLines(id)).toEqual([
      expect.objectContaining({
        service: 'gateway',
        operation: null,
        status: 401,
        errors: ['UNAUTHENTICATED'],
      }),
    ]);
  });

  it('gives every line written during a request its id, not only the request line', async () => {
    // A table gone from under the subgraph: TypeORM logs the failed statement and the error
    // formatter the unexpected error, both deep inside the request.
    await platform.sql('stations', 'ALTER TABLE station RENAME TO station_away');
    try {
      const id = await send('query Broken { stations(scope: "330681") { totalCount } }');
      const messages = lines.filter((l) => l.requestId === id).map((l) => `${l.service}: ${l.msg}`);
      expect(messages).toEqual(
        expect.arrayContaining([
          'stations: SQL statement failed',
          'stations: unexpected error',
          'stations: graphql request',
          'gateway: graphql request',
        ]),
      );
    } finally {
      await platform.sql('stations', 'ALTER TABLE station_away RENAME TO station');
    }
  });
});
