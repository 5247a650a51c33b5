import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import { authConfigFromEnv, signToken } from '../../platform/auth';
import { GATEWAY_PROOF_HEADER, signGatewayProof } from '../../platform/gateway-proof';
import { createLogger } from '../../platform/log';
import { ensureDatabase } from '../../scripts/embedded-postgres';
import { assessment } from '../../subgraphs/assessment';
import { newestScheme, schemesById } from '../../subgraphs/assessment/scheme/scheme-store';
import { startSubgraph } from '../../subgraphs/kit/service/server';
import { percentile } from '../gateways/load';
import { isDemoProfile } from '../../demo/profile';
import { boardOf } from './representation';

/**
 * `npm run bench:scoring [-- --runs 40 --scheme fengqiao-2019@1 --profile city]`: how long the
 * assessment subgraph takes to answer the gateway's `rows` fetch of the province board (1,178
 * stations; `--profile city`: 绍兴's, 92),
 * all a request goes through included: the body, the plugins that bound and price the
 * representations, the scoring and the answer's serialisation. The subgraph runs in this process
 * on DATABASE_URL's server (database `fengqiao_bench_scoring`, which holds only its schemes);
 * the requests go one at a time and their answers are read, not parsed. It prints figures and
 * asserts nothing. `node --cpu-prof dist/bench/scoring/main.js` shows where the time goes.
 */
const log = (message: string) => console.log(`[bench:scoring] ${message}`);

/** The fetch our gateway plans for the screen's board (AssessmentBoardScreen's rows). */
const ROWS_FETCH = `query AssessmentBoardScreen__assessment__2($representations:[_Any!]!){_entities(representations:$representations){...on AssessmentBoard{rows{rank total grade vetoed vetoes station{__typename code}departments{department score max}indicators{key label department method current baseline change points max note}deductions{key label count points note}}}}}`;

const agent = new Agent({ keepAlive: true });

/**
 * Posts one body; resolves with the status and the answer once it is all read, as bytes: the
 * bench's own decoding would count in the process's CPU time.
 */
function post(url: string, body: Buffer, headers: Record<string, string>) {
  return new Promise<{ status: number; answer: Buffer }>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': body.length, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, answer: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** p50, p90 and the least of a series of milliseconds. */
function figures(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  return `p50 ${ms(percentile(sorted, 0.5))}, p90 ${ms(percentile(sorted, 0.9))}, min ${ms(sorted[0] ?? NaN)}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '40' },
      scheme: { type: 'string' },
      profile: { type: 'string', default: 'province' },
    },
  });
  const profile = values.profile;
  if (!isDemoProfile(profile)) throw new Error(`--profile ${profile}: city or province`);
  const runs = Number(values.runs);
  // A session's own secrets, as `npm start` makes them: nothing here is kept.
  process.env.JWT_SECRET ??= randomBytes(32).toString('hex');
  process.env.SUBGRAPH_SECRET ??= randomBytes(32).toString('hex');
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const databaseUrl = await ensureDatabase(server, 'fengqiao_bench_scoring');
  const service = await startSubgraph(assessment, {
    port: 0,
    databaseUrl,
    auth: authConfigFromEnv(),
    seed: null,
    // Its lines would drown the figures.
    logger: createLogger({ level: 'warn' }),
  });
  try {
    const scheme = values.scheme
      ? (await schemesById(service.db, [values.scheme]))[0]
      : await newestScheme(service.db);
    if (!scheme) throw new Error(`no scheme ${values.scheme ?? ''}`);
    const board = boardOf(profile, scheme, '2019-Q2');
    const body = Buffer.from(
      JSON.stringify({ query: ROWS_FETCH, variables: { representations: [board] } }),
    );
    const token = await signToken(process.env.JWT_SECRET, { sub: 'bench', roles: ['assessor'] });
    const stations = (board.stations as unknown[]).length;
    log(`${scheme.id}, ${stations} stations, request ${(body.length / 1e6).toFixed(2)} MB`);
    const times: number[] = [];
    const cpu: number[] = [];
    let answerBytes = 0;
    // Three unmeasured requests first: V8 optimises the code paths they take.
    for (let run = -3; run < runs; run += 1) {
      const headers = {
        authorization: `Bearer ${token}`,
        [GATEWAY_PROOF_HEADER]: await signGatewayProof({
          subgraph: 'assessment',
          query: ROWS_FETCH,
        }),
      };
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      const { status, answer } = await post(service.url, body, headers);
      const took = performance.now() - started;
      const { user, system } = process.cpuUsage(cpuBefore);
      if (status !== 200 || answer.includes('"errors":')) {
        throw new Error(`the subgraph answered ${status}: ${answer.subarray(0, 500).toString()}`);
      }
      answerBytes = answer.length;
      if (run >= 0) {
        times.push(took);
        cpu.push((user + system) / 1000);
      }
    }
    log(`answer ${(answerBytes / 1e6).toFixed(2)} MB; ${runs} requests one at a time`);
    log(`latency ${figures(times)}`);
    // Steadier than latency when other work shares the cores: the process's own CPU time.
    log(`CPU time ${figures(cpu)}`);
  } finally {
    agent.destroy();
    await service.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
