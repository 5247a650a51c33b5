import type { GraphQLResolveInfo } from 'graphql';
import type { ClassType, NonEmptyArray } from 'type-graphql';
import type { DataSource, MixedList } from 'typeorm';
import type { Context } from './context';

/**
 * The demo data sets a subgraph may seed its empty tables with: `city` is 绍兴市, `province` all
 * of Zhejiang. Named here, where a subgraph declares its seed, so that the services need nothing
 * of demo/; demo/ generates the data and the launcher hands the profile in (SEED).
 */
export type DemoProfile = 'city' | 'province';

interface ReferenceResolver<Loaders extends object> {
  __resolveReference(
    reference: Record<string, unknown>,
    context: Context<Loaders>,
    info: GraphQLResolveInfo,
  ): unknown;
}

/**
 * Everything the kit needs to run one subgraph as its own service. The list of them
 * (subgraphs/list.ts) drives the schema script, the launcher and the end-to-end harness.
 */
export interface SubgraphDefinition<Loaders extends object = object> {
  /** One word names the subgraph everywhere: folder, SDL file, PostgreSQL schema, env, script. */
  name: string;
  /** Its default port; `<NAME>_PORT` overrides it. */
  port: number;
  /**
   * The largest request body it takes, when not 1 MiB (MAX_BODY_BYTES overrides it): for a
   * subgraph whose entity requests carry large @requires inputs from other subgraphs.
   */
  maxBodyBytes?: number;
  /**
   * Whether its entity fetches run as compiled code (compiled-execution.ts) rather than on
   * graphql-js: for a subgraph whose entity answers are large lists of plain fields.
   */
  compileEntityFetches?: boolean;
  /**
   * Types whose built-in scalar fields hold only what the scalar would serialize them to (a
   * string, a finite number, a 32-bit integer), checked by their resolvers: a compiled entity
   * fetch that selects no other scalar reads them as they are (compiled-execution.ts).
   */
  checkedLeafTypes?: readonly string[];
  resolvers: NonEmptyArray<ClassType>;
  /** Types reached only through federation (e.g. an extended entity with no root field). */
  orphanedTypes?: ClassType[];
  /** `__resolveReference` per entity type, each batched through a DataLoader. */
  referenceResolvers?: Record<string, ReferenceResolver<Loaders>>;
  entities: MixedList<ClassType>;
  migrations: MixedList<ClassType>;
  /**
   * Rebuilds what its tables derive from the code when the code changed (a department's rollup
   * of its declared figures), after the migrations and under their lock.
   */
  syncDerived?(db: DataSource): Promise<void>;
  /** Fresh DataLoaders for one request. */
  createLoaders(db: DataSource): Loaders;
  /** Loads the demo profile into the subgraph's empty tables; leaves stored data alone. */
  seed?(db: DataSource, profile: DemoProfile): Promise<void>;
}
