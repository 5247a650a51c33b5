import type { DataSource } from 'typeorm';
import type { Viewer } from '../../platform/auth';

/** What every resolver of a subgraph receives: one per request. */
export interface Context<Loaders extends object = object> {
  /** Correlates the gateway's log line with every subgraph's (header x-request-id). */
  requestId: string;
  viewer: Viewer | null;
  /**
   * The request's Authorization header as it came: what a subgraph forwards when it asks the
   * gateway something on the viewer's behalf (publishing a board reads the live one so).
   */
  authorization: string | undefined;
  /** Where the gateway is (GATEWAY_URL), for such requests; undefined when not set. */
  gatewayUrl: string | undefined;
  /** Today's business date, fixed for the whole request. */
  today: string;
  db: DataSource;
  /** This request's DataLoaders: one batch per kind of lookup, never shared across requests. */
  loaders: Loaders;
}
