import 'reflect-metadata';
import { isDemoProfile } from '../demo/profile';
import { requiredEnv } from '../platform/lifecycle';
import { SUBGRAPHS } from '../subgraphs/list';
import { loadProfile } from './load-profile';

/**
 * `npm run seed -- <city|province>`: migrates every subgraph's schema in DATABASE_URL and loads
 * the demo profile into its empty tables, all subgraphs at once, printing how long each took.
 * The province profile (1,178 stations, 24 months) is what the benchmarks run on.
 */
async function main(): Promise<void> {
  const profile = process.argv[2] ?? 'city';
  if (!isDemoProfile(profile)) throw new Error(`usage: npm run seed -- <city|province>`);
  const url = requiredEnv('DATABASE_URL', 'the database to load the demo profile into');
  const started = Date.now();
  await loadProfile(url, profile, SUBGRAPHS, (name, seconds) =>
    console.log(`${name}: ${seconds.toFixed(1)} s`),
  );
  console.log(`${profile} profile loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
