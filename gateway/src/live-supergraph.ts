import type { SupergraphSdlHook, SupergraphSdlUpdateFunction } from '@apollo/gateway';
import { Supergraph } from '@apollo/federation-internals';
import { createHash } from 'node:crypto';
import { Counter } from 'prom-client';
import type { Logger } from '../../platform/log';
import type { ServiceMetrics } from '../../platform/metrics';

/** The supergraph the gateway serves, as /ready reports it. */
export interface ServedSupergraph {
  sdl: string;
  /** The SHA-256 of the SDL, hex: the id @apollo/gateway logs as its composition id. */
  hash: string;
  loadedAt: Date;
}

/**
 * What the gateway derives from a supergraph (cost directives, the published cache's view, the
 * entity fallback, the safelist): given the candidate, its SDL and the supergraph built from it
 * (built once for every follower: it takes a second on a busy machine), it builds its next state
 * and returns
 * how to put it in place. Building may throw, which refuses the candidate before anything
 * changes; putting in place must not.
 */
export type Follower = (sdl: string, supergraph: Supergraph) => () => void;

export type UpdateResult = 'applied' | 'unchanged' | 'refused';

export const supergraphHash = (sdl: string): string =>
  createHash('sha256').update(sdl).digest('hex');

/**
 * The supergraph the gateway serves, and the way to serve another without a restart.
 * @apollo/gateway takes `supergraphSdl` as a function that hands it an `update` callback:
 * each update builds a new API schema and query planner, and @apollo/server gives requests that
 * arrive afterwards the new schema while those already running finish on the old one. Before
 * that, a candidate must build as a supergraph (parse, @link, join directives, validation) and
 * every follower must derive its state from it; a candidate that fails either is refused and
 * the served one kept. Each offer is counted in `gateway_supergraph_updates_total{result}`.
 */
export class LiveSupergraph {
  private served: ServedSupergraph;
  private update: SupergraphSdlUpdateFunction | null = null;
  private readonly followers: Follower[] = [];
  private readonly stops: (() => void)[] = [];
  private readonly updates: Counter<'result'>;

  constructor(
    sdl: string,
    metrics: ServiceMetrics,
    private readonly logger: Logger,
  ) {
    build(sdl);
    this.served = { sdl, hash: supergraphHash(sdl), loadedAt: new Date() };
    this.updates = new Counter({
      name: 'gateway_supergraph_updates_total',
      help: 'Supergraphs offered to the gateway, by result: applied, unchanged or refused',
      labelNames: ['result'],
      registers: [metrics.registry],
    });
  }

  get current(): ServedSupergraph {
    return this.served;
  }

  /** Registers a follower; it is called with every candidate from now on. */
  follow(follower: Follower): void {
    this.followers.push(follower);
  }

  /** Something to stop when the gateway stops: a file watch, a poll. */
  onStop(stop: () => void): void {
    this.stops.push(stop);
  }

  /** The `supergraphSdl` option of ApolloGateway. */
  readonly hook: SupergraphSdlHook = ({ update }) => {
    this.update = update;
    return Promise.resolve({
      supergraphSdl: this.served.sdl,
      cleanup: () => {
        this.stops.splice(0).forEach((stop) => stop());
        return Promise.resolve();
      },
    });
  };

  /** Serves `sdl` from the next request on, unless it is the served one or is refused. */
  offer(sdl: string, source: string): UpdateResult {
    const hash = supergraphHash(sdl);
    if (hash === this.served.hash) {
      this.updates.inc({ result: 'unchanged' });
      return 'unchanged';
    }
    try {
      if (!this.update) throw new Error('the gateway has not loaded its first supergraph yet');
      const built = build(sdl);
      const commits = this.followers.map((follower) => follower(sdl, built));
      this.update(sdl);
      commits.forEach((commit) => commit());
    } catch (error) {
      this.updates.inc({ result: 'refused' });
      this.logger.error(
        { err: error, source, hash, served: this.served.hash },
        'supergraph refused: the served one is kept',
      );
      return 'refused';
    }
    const previous = this.served.hash;
    this.served = { sdl, hash, loadedAt: new Date() };
    this.updates.inc({ result: 'applied' });
    this.logger.info({ source, hash, previous }, 'supergraph updated');
    return 'applied';
  }
}

/** The supergraph `sdl` holds; throws unless the gateway can plan over it. */
function build(sdl: string): Supergraph {
  const supergraph = Supergraph.build(sdl, { validateSupergraph: true });
  supergraph.apiSchema();
  return supergraph;
}
