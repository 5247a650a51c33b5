import http from 'node:http';
import https from 'node:https';

/** A client module and the agent to send a request to a subgraph's URL with. */
interface Connection {
  client: typeof http | typeof https;
  agent: http.Agent;
}

/**
 * Kept-alive connections to the subgraphs, for one kind of traffic (the fetches, the data-version
 * checks), each with agents of its own so that one cannot take the other's sockets. Idle sockets
 * close well before the subgraphs' 65 s keep-alive timeout (platform/http.ts), so a request never
 * goes out on a socket the subgraph is closing.
 */
export function keptAlive(limits: { maxSockets?: number } = {}): (url: URL) => Connection {
  const options: http.AgentOptions = { keepAlive: true, timeout: 30_000, ...limits };
  const plain: Connection = { client: http, agent: new http.Agent(options) };
  const secure: Connection = { client: https, agent: new https.Agent(options) };
  return (url) => (url.protocol === 'https:' ? secure : plain);
}
