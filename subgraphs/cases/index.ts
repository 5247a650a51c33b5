import type { SubgraphDefinition } from '../kit/definition';
import { createLoaders, type CasesLoaders } from './loaders';
import { Records1764400000001 } from './migrations/1764400000001-records';
import {
  BoardCasesResolver,
  CaseRecordsResolver,
  CaseStatsResolver,
  StationCasesResolver,
} from './resolvers';
import { AssessmentBoard, Station } from './references';
import { seed } from './seed';

/** Criminal cases and disputes, owned by the criminal police (刑侦/治安). */
export const cases: SubgraphDefinition<CasesLoaders> = {
  name: 'cases',
  port: 4002,
  resolvers: [CaseRecordsResolver, StationCasesResolver, CaseStatsResolver, BoardCasesResolver],
  // Reached only through federation (entity references), so not from a root field.
  orphanedTypes: [Station, AssessmentBoard],
  entities: [],
  migrations: [Records1764400000001],
  createLoaders,
  seed,
};
