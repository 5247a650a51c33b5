import type { SubgraphDefinition } from '../kit/definition';
import { createLoaders, type SurveysLoaders } from './loaders';
import { Records1764600000001 } from './migrations/1764600000001-records';
import { AssessmentBoard, Station } from './references';
import {
  BoardSurveysResolver,
  StationSurveysResolver,
  SurveyRecordsResolver,
  SurveyStatsResolver,
} from './resolvers';
import { seed } from './seed';

/** Survey responses, 12389 complaints and commendations: the third-party survey firm and the 12389 desk. */
export const surveys: SubgraphDefinition<SurveysLoaders> = {
  name: 'surveys',
  port: 4004,
  resolvers: [
    SurveyRecordsResolver,
    StationSurveysResolver,
    SurveyStatsResolver,
    BoardSurveysResolver,
  ],
  // Reached only through federation (entity references), so not from a root field.
  orphanedTypes: [Station, AssessmentBoard],
  entities: [],
  migrations: [Records1764600000001],
  createLoaders,
  seed,
};
