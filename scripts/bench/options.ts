import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Scenario ids to run; empty runs them all. */
  scenarios: string[];
  /** Seconds of load per measurement. */
  seconds: number;
  profile: boolean;
  hive: boolean;
  /** Node options for a second instance of our gateway measured beside the first, if any. */
  variant: string[];
}

const USAGE = `npm run bench [-- --scenario <id>] [--duration s] [--profile] [--no-hive] [--variant="<node options>"]

<<<<<<< HEAD
  --scenario  drill-down, board-row, indicator-records, board-city, board-province, report-city,
              report-province or ingestion (repeat or comma-separate); all by default
=======
  --scenario  drill-down, board-row, board-city, board-province, report-city, report-province,
              published-city, published-city-export, published-province-page, published-province,
              published-cached, publish-province or ingestion (repeat or comma-separate); all by default
>>>>>>> published
  --duration  seconds of load per measurement (default 10)
  --profile   run our gateway under node --cpu-prof and print where its time went
  --no-hive   leave the peer out (quicker, when profiling our gateway)
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
    hive: !values['no-hive'],
    variant: values.variant?.split(/\s+/).filter(Boolean) ?? [],
  };
}
