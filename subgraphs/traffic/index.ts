import type { SubgraphDefinition } from '../kit/definition';
import { createLoaders, type TrafficLoaders } from './loaders';
import { Accidents1764400000002 } from './migrations/1764400000002-accidents';
import { AccidentRecordsResolver, BoardTrafficResolver, StationTrafficResolver } from './resolvers';
import { AssessmentBoard, Station } from './references';
import { seed } from './seed';

/** Road traffic accidents, owned by the traffic police (交警). */
export const traffic: SubgraphDefinition<TrafficLoaders> = {
  name: 'traffic',
  port: 4003,
  resolvers: [AccidentRecordsResolver, StationTrafficResolver, BoardTrafficResolver],
  // Reached only through federation (entity references), so not from a root field.
  orphanedTypes: [Station, AssessmentBoard],
  entities: [],
  migrations: [Accidents1764400000002],
  createLoaders,
  seed,
};
