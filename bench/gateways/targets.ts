import type { RenderResult } from './first-render';
import { percentile } from './load';
import { PEER_NAME } from './hive';
import type { ScenarioResult } from './report';

interface Check {
  target: string;
  /** The measured figure as text, and whether it meets the target; null when not measured. */
  measure(results: ReadonlyMap<string, ScenarioResult>): { value: string; met: boolean } | null;
}

const p = (q: number, c: 'c1' | 'c16') => (r: ScenarioResult | undefined) => {
  const ours = r?.gateways[0];
  return ours ? percentile(ours[c].latencies, q) : undefined;
};

function atMost(value: number | undefined, limit: number, unit: string) {
  return value === undefined || !Number.isFinite(value)
    ? null
    : { value: `${value.toFixed(value < 10 ? 2 : 1)}${unit}`, met: value <= limit };
}

const BOARDS = ['board-city', 'board-province'];

function boards(results: ReadonlyMap<string, ScenarioResult>): ScenarioResult[] {
  return BOARDS.flatMap((id) => {
    const r = results.get(id);
    return r && !r.scenario.skipped ? [r] : [];
  });
}

/** Published boards: each read's p50 at concurrency 1, their statements, publishing. */
function publishedChecks(): Check[] {
  const p50 = (id: string, limit: number, target: string): Check => ({
    target,
    measure: (r) => atMost(p(0.5, 'c1')(r.get(id)), limit, ' ms'),
  });
  return [
    p50('published-city', 8, 'published 绍兴 board, ranking view, p50 at concurrency 1 ≤ 8 ms'),
    {
      target: 'published 绍兴 board requests/s at 16 ÷ the live 绍兴 board’s ≥ 5',
      measure: (r) => {
        const published = r.get('published-city')?.gateways[0]?.c16.requestsPerSecond;
        const live = r.get('board-city')?.gateways[0]?.c16.requestsPerSecond;
        if (published === undefined || live === undefined) return null;
        const ratio = published / live;
        return { value: ratio.toFixed(1), met: ratio >= 5 };
      },
    },
    p50('published-city-export', 30, 'published 绍兴 board, export, p50 ≤ 30 ms'),
    p50('published-province-page', 10, 'published province board, 50 rows + summary, p50 ≤ 10 ms'),
    p50('published-province', 50, 'published province board, every row, p50 ≤ 50 ms'),
    p50('published-cached', 2, 'repeated read of a published board (cached), p50 ≤ 2 ms'),
    p50('publish-province', 3000, 'publishing the province board, p50 ≤ 3 s'),
    {
      target:
        'SQL statements per published-board read: assessment ≤ 2, the same for 绍兴 and the province',
      measure: (r) => {
        const counts = ['published-city', 'published-province'].map((id) =>
          r.get(id)?.gateways[0]?.statements.get('assessment'),
        );
        if (counts.some((c) => c == null)) return null;
        return {
          value: counts.join(' / '),
          met: counts.every((c) => (c ?? Infinity) <= 2) && counts[0] === counts[1],
        };
      },
    },
  ];
}

/** The performance targets set for the platform, each checked against this run's figures. */
const CHECKS: Check[] = [
  {
    target: '绍兴 board p50 at concurrency 1 ≤ 30 ms',
    measure: (r) => atMost(p(0.5, 'c1')(r.get('board-city')), 30, ' ms'),
  },
  {
    target: '绍兴 board p99 at concurrency 1 ≤ 60 ms',
    measure: (r) => atMost(p(0.99, 'c1')(r.get('board-city')), 60, ' ms'),
  },
  {
    target: 'province board p50 at concurrency 1 ≤ 400 ms',
    measure: (r) => atMost(p(0.5, 'c1')(r.get('board-province')), 400, ' ms'),
  },
  {
    target: '绍兴 board repeated (response cache, versions checked) p50 ≤ 3 ms',
    measure: (r) => atMost(p(0.5, 'c1')(r.get('board-city-repeated')), 3, ' ms'),
  },
  {
    target: `repeated reads' requests/s at 16, ours ÷ ${PEER_NAME} ≥ 10`,
    measure: (r) => {
      const ratios = [...r.values()].flatMap(({ scenario, gateways: [ours, ...others] }) => {
        const peer = others.find((g) => g.gateway === PEER_NAME);
        return scenario.id.endsWith('-repeated') && ours && peer
          ? [ours.c16.requestsPerSecond / peer.c16.requestsPerSecond]
          : [];
      });
      if (ratios.length === 0) return null;
      return {
        value: ratios.map((x) => x.toFixed(1)).join(', '),
        met: ratios.every((x) => x >= 10),
      };
    },
  },
  {
    target: `board requests/s at 16, ours ÷ ${PEER_NAME} ≥ 1.5`,
    measure: (r) => {
      const ratios = boards(r).flatMap(({ gateways: [ours, ...others] }) => {
        const peer = others.find((g) => g.gateway === PEER_NAME);
        return ours && peer ? [ours.c16.requestsPerSecond / peer.c16.requestsPerSecond] : [];
      });
      if (ratios.length === 0) return null;
      return {
        value: ratios.map((x) => x.toFixed(2)).join(', '),
        met: ratios.every((x) => x >= 1.5),
      };
    },
  },
  {
    target: 'our p50 at concurrency 1 ÷ critical path of subgraph fetches ≤ 1.3',
    measure: (r) => {
      const ratios = [...r.values()].flatMap((s) => {
        const ours = p(0.5, 'c1')(s);
        // A cached answer fetches nothing: no critical path to compare with.
        return s.criticalPath?.stages.length && ours !== undefined
          ? [{ id: s.scenario.id, ratio: ours / s.criticalPath.p50 }]
          : [];
      });
      if (ratios.length === 0) return null;
      return {
        value: ratios.map(({ id, ratio }) => `${id} ${ratio.toFixed(2)}`).join(', '),
        met: ratios.every(({ ratio }) => ratio <= 1.3),
      };
    },
  },
  {
    target: 'SQL statements per board request per subgraph ≤ 2, the same for 绍兴 and the province',
    measure: (r) => {
      const counts = boards(r).map((s) => s.gateways[0]?.statements);
      const values = counts.flatMap((m) => (m ? [...m.values()] : []));
      if (values.length === 0 || values.some((v) => v === null)) return null;
      const [city, province] = counts.map((m) => JSON.stringify([...(m ?? [])]));
      return {
        value: counts.map((m) => [...(m ?? [])].map(([n, v]) => `${n} ${v}`).join(' ')).join(' / '),
        met:
          values.every((v) => (v ?? Infinity) <= 2) &&
          (province === undefined || city === province),
      };
    },
  },
  {
    target: 'ingestion through the gateway, change log written, ≥ 30,000 records/s',
    measure: (r) => {
      const s = r.get('ingestion');
      const ours = s?.gateways[0];
      if (!s || s.scenario.skipped || !ours) return null;
      const records = ours.c16.requestsPerSecond * (s.scenario.recordsPerRequest ?? 0);
      return {
        value: `${Math.round(records).toLocaleString('en')} records/s`,
        met: records >= 30_000,
      };
    },
  },
  ...publishedChecks(),
  {
    target: 'our gateway’s RSS after the run ≤ 250 MB',
    measure: (r) => {
      const last = [...r.values()].reverse().find((s) => s.gateways[0]?.rssMb != null);
      return atMost(last?.gateways[0]?.rssMb ?? undefined, 250, ' MB');
    },
  },
];

/**
 * The screen's first render, opened uncached (the gateway reads the published board afresh),
 * p50 of the opens; null when not measured.
 */
function firstRender(renders: ReadonlyMap<string, RenderResult>, id: string, limit: number) {
  const render = renders.get(id);
  if (!render || render.scenario.skipped) return null;
  if (render.problem !== null) return { value: `failed: ${render.problem}`, met: false };
  return atMost(percentile(render.times.rendered, 0.5), limit, ' ms');
}

const RENDER_CHECKS: {
  target: string;
  measure(renders: ReadonlyMap<string, RenderResult>): { value: string; met: boolean } | null;
}[] = [
  {
    target: 'screen first render, official 绍兴 board, uncached, p50 ≤ 1 s',
    measure: (r) => firstRender(r, 'render-city', 1000),
  },
  {
    target: 'screen first render, official province board (1,178 rows), uncached, p50 ≤ 2 s',
    measure: (r) => firstRender(r, 'render-province', 2000),
  },
];

export function targetsTable(
  results: ReadonlyMap<string, ScenarioResult>,
  renders: ReadonlyMap<string, RenderResult>,
): string[] {
  const row = (target: string, m: { value: string; met: boolean } | null) =>
    `| ${target} | ${m?.value ?? 'not measured'} | ${m ? (m.met ? 'yes' : 'no') : '—'} |`;
  return [
    '| target | measured | met |',
    '|---|---|---|',
    ...CHECKS.map((check) => row(check.target, check.measure(results))),
    ...RENDER_CHECKS.map((check) => row(check.target, check.measure(renders))),
  ];
}
