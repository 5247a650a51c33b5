import { Agent, request } from 'node:http';
import {
  GATEWAY_PROOF_HEADER,
  signGatewayProof,
  type ProofSecret,
} from '../../platform/gateway-proof';
import type { SubgraphFetch } from './capture';
import { percentile } from './load';

/** One stage of the plan: its subgraphs, and how long they took side by side (median). */
interface StageFigures {
  subgraphs: string[];
  p50: number;
}

/** The subgraphs' share of one request: the plan's stages one after another, and no gateway. */
export interface CriticalPathFigures {
  stages: StageFigures[];
  /** The median of the stages' summed times. */
  p50: number;
  errors: number;
}

const agent = new Agent({ keepAlive: true });

/** Sends a captured request straight to its subgraph; true when it was answered without errors. */
function send(fetch: SubgraphFetch, body: string, proof: string): Promise<boolean> {
  return new Promise((resolve) => {
    const headers = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      [GATEWAY_PROOF_HEADER]: proof,
      ...(fetch.authorization ? { authorization: fetch.authorization } : {}),
    };
    const req = request(fetch.url, { method: 'POST', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve(res.statusCode === 200 && !Buffer.concat(chunks).toString().includes('"errors":')),
      );
    });
    req.on('error', () => resolve(false));
    req.end(body);
  });
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

/**
 * Replays our gateway's fetches for one request straight to the subgraphs for `seconds`, one
 * request at a time: each stage's fetches sent together, as the gateway sends them (on two
 * cores, side by side they take longer than alone), the next stage when all are answered.
 */
export async function replayStages(
  stages: readonly SubgraphFetch[][],
  body: (fetch: SubgraphFetch) => string,
  seconds: number,
  secret: ProofSecret,
): Promise<CriticalPathFigures> {
  // Signed afresh each time, as the gateway does (a proof lives a minute), before the clock starts.
  const proofOf = (f: SubgraphFetch, body: string) =>
    signGatewayProof(
      { subgraph: f.subgraph, query: (JSON.parse(body) as { query: string }).query },
      secret,
    );
  // An answer from the gateway's response cache fetches nothing: there is no path to replay.
  if (stages.length === 0) return { stages: [], p50: NaN, errors: 0 };
  const totals: number[] = [];
  const byStage: number[][] = stages.map(() => []);
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  while (performance.now() < deadline) {
    let total = 0;
    for (const [i, stage] of stages.entries()) {
      const bodies = stage.map(body);
      const proofs = await Promise.all(stage.map((f, j) => proofOf(f, bodies[j] ?? '{}')));
      const started = performance.now();
      const answers = await Promise.all(
        stage.map((f, j) => send(f, bodies[j] ?? '', proofs[j] ?? '')),
      );
      const ms = performance.now() - started;
      byStage[i]?.push(ms);
      total += ms;
      errors += answers.filter((ok) => !ok).length;
    }
    totals.push(total);
  }
  return {
    stages: stages.map((stage, i) => ({
      subgraphs: stage.map((f) => f.subgraph),
      p50: percentile(sorted(byStage[i] ?? []), 0.5),
    })),
    p50: percentile(sorted(totals), 0.5),
    errors,
  };
}
