import type { SubgraphDefinition } from '../kit/service/definition';
import { AssessmentBoard, BoardStationsResolver } from './board';
import { Division } from './division';
import { DivisionResolver } from './division-resolver';
import { createLoaders, type StationsLoaders } from './loaders';
import { Registry1764400000000 } from './migrations/1764400000000-registry';
import { StationBounds1764900000000 } from './migrations/1764900000000-bounds';
import { seed } from './seed';
import { Station } from './station';
import { StationResolver } from './station-resolver';

/** The registry of stations and divisions, owned by the stations department (派出所管理). */
export const stations: SubgraphDefinition<StationsLoaders> = {
  name: 'stations',
  port: 4001,
  resolvers: [StationResolver, DivisionResolver, BoardStationsResolver],
  // The board is reached only through federation (the assessment subgraph's root field).
  orphanedTypes: [AssessmentBoard],
  referenceResolvers: {
    Station: {
      __resolveReference: (reference, { loaders }) => loaders.station.load(String(reference.code)),
    },
    Division: {
      __resolveReference: (reference, { loaders }) => loaders.division.load(String(reference.code)),
    },
  },
  entities: [Station, Division],
  migrations: [Registry1764400000000, StationBounds1764900000000],
  createLoaders,
  seed,
};
