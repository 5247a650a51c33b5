import { parseArgs } from 'node:util';
import type { Peer } from './hive';

export interface BenchOptions {
  /** Scenario ids to run; empty runs them all. */
  scenarios: string[];
  /** Seconds of load per measurement. */
  seconds: number;
  profile: boolean;
  /** The peers to run: Hive Gateway's Rust planner unless --no-hive, its stitching one on demand. */
  peers: Peer['id'][];
  /** Compare every listed operation's answer across the gateways instead of measuring. */
  compareAnswers: boolean;
  /** Node options for a second instance of our gateway measured beside the first, if any. */
  variant: string[];
}

const USAGE = `npm run bench [-- --scenario <id>] [--duration s] [--profile] [--no-hive] [--stitching] [--variant="<node options>"]
npm run bench -- --compare-answers [--no-hive]

  --scenario  drill-down, board-row, indicator-records, board-city, board-province, report-city,
              report-province (each uncached), board-city-repeated, board-province-repeated,
              report-city-repeated (from the response cache), published-city, published-city-export, published-province-page,
              published-province, published-cached, publish-province, ingestion, or the screen's
              first render in Chromium: render-city, render-province (uncached),
              render-city-repeated, render-province-repeated (repeat or comma-separate); all by
              default
  --duration  seconds of load per measurement (default 10)
  --profile   run our gateway under node --cpu-prof and print where its time went
  --no-hive   leave the peers out (quicker, when profiling our gateway)
  --stitching also measure Hive Gateway with its default (stitching) planner, a second peer
  --compare-answers
              measure nothing: send every operation of schema/operations.json (mutations as dry
              runs) to our gateway and to both peers, print the answers that differ, exit 1 if
              any differs beyond the peers' documented bugs
  --variant   also measure our gateway run with these node options (--variant="--max-semi-space-size=64"),
              in turn with the others, to judge a runtime setting in one run`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string', multiple: true, default: [] },
      duration: { type: 'string', default: '10' },
      profile: { type: 'boolean', default: false },
      'no-hive': { type: 'boolean', default: false },
      stitching: { type: 'boolean', default: false },
      'compare-answers': { type: 'boolean', default: false },
      variant: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const seconds = Number(values.duration);
  if (values.help || !Number.isInteger(seconds) || seconds < 1) {
    console.error(USAGE);
    process.exit(2);
  }
  return {
    scenarios: values.scenario.flatMap((s) => s.split(',')).filter(Boolean),
    seconds,
    profile: values.profile,
    peers: values['no-hive']
      ? []
      : values.stitching || values['compare-answers']
        ? ['hive', 'hive-stitching']
        : ['hive'],
    compareAnswers: values['compare-answers'],
    variant: values.variant?.split(/\s+/).filter(Boolean) ?? [],
  };
}
