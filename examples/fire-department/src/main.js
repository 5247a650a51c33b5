import { openDatabase } from './database.js';
import { fireServer } from './server.js';

/** One JSON line per event on stdout, as the platform's services log. */
const log = (entry) =>
  process.stdout.write(
    `${JSON.stringify({ time: new Date().toISOString(), service: 'fire', ...entry })}\n`,
  );

/**
 * `npm start`: the fire service as its own process. DATABASE_URL (its own schema `fire` is
 * made there), JWT_SECRET or JWT_JWKS_FILE, SUBGRAPH_SECRET, GATEWAY_URL and FIRE_PORT (4006).
 */
async function main() {
  const env = process.env;
  if (!env.DATABASE_URL)
    throw new Error('set DATABASE_URL: the fire service keeps its records there');
  const pool = await openDatabase(env.DATABASE_URL);
  const server = fireServer({ env, pool, log });
  const port = Number(env.FIRE_PORT ?? env.PORT ?? 4006);
  server.listen(port, () => {
    log({
      level: 'info',
      msg: 'listening',
      port: server.address().port,
      url: `http://localhost:${server.address().port}/graphql`,
    });
  });
  const stop = () => {
    server.close(() => pool.end().then(() => process.exit(0)));
    server.closeIdleConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
});
