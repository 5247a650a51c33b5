import { parseArgs } from 'node:util';
import { envVar } from '../../platform/config';
import { reportTable } from './report';
import { runConformance, type SuiteOptions } from './suite';

const USAGE = `usage: npm run conformance -- --name <department> --url <subgraph url>
  [--gateway <url>]        the platform's gateway (GATEWAY_URL, else http://localhost:4000/graphql)
  [--scope <code>]         the stations read come from it (330600)
  [--period <period>]      (2019-H1)
  [--scheme <id>]          the scheme the board is scored with (fengqiao-2019@1)
  [--station <code>] [--other-station <code>]   instead of the scope's first two
Signs tokens with JWT_SECRET and gateway proofs with SUBGRAPH_SECRET, as the platform does.`;

/** `npm run conformance`: docs/department-contract.md, checked against a running subgraph. */
export function suiteOptions(args: readonly string[]): SuiteOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      name: { type: 'string' },
      url: { type: 'string' },
      gateway: { type: 'string' },
      scope: { type: 'string', default: '330600' },
      period: { type: 'string', default: '2019-H1' },
      scheme: { type: 'string', default: 'fengqiao-2019@1' },
      station: { type: 'string' },
      'other-station': { type: 'string' },
    },
  });
  if (!values.name || !values.url) throw new Error(USAGE);
  const jwtSecret = envVar('JWT_SECRET');
  if (!jwtSecret)
    throw new Error(`JWT_SECRET is not set: the suite signs its tokens with it\n${USAGE}`);
  const subgraphSecret = envVar('SUBGRAPH_SECRET');
  return {
    name: values.name,
    url: values.url,
    gateway: values.gateway ?? envVar('GATEWAY_URL') ?? 'http://localhost:4000/graphql',
    scope: values.scope,
    period: values.period,
    scheme: values.scheme,
    ...(values.station ? { station: values.station } : {}),
    ...(values['other-station'] ? { otherStation: values['other-station'] } : {}),
    jwtSecret,
    ...(subgraphSecret ? { subgraphSecret } : {}),
  };
}

if (require.main === module) {
  (async () => {
    const options = suiteOptions(process.argv.slice(2));
    const results = await runConformance(options);
    console.log(reportTable(options.name, options.url, results));
    process.exitCode = results.some((r) => r.outcome === 'failed') ? 1 : 0;
  })().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exitCode = 2;
  });
}
