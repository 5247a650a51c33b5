/**
 * Where every subgraph answers GET with its data version, and what it answers: the gateway's
 * response cache asks it (docs/live-cache.md); the subgraph kit serves it.
 */
export const DATA_VERSION_PATH = '/data-version';

export interface DataVersion {
  /** The business date the subgraph judges periods against today (answers change with it). */
  today: string;
  /** Grows in the transaction of every write to the subgraph's tables. */
  version: string;
}
