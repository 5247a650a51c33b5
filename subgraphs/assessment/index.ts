import type { SubgraphDefinition } from '../kit/definition';
import { BoardResolver } from './board.resolver';
import { createLoaders, type AssessmentLoaders } from './loaders';
import { Schemes1764400000005 } from './migrations/1764400000005-schemes';
import { SchemeResolver } from './scheme.resolver';

/** The assessors' own (政法委): scoring schemes, and the board scored with them. */
export const assessment: SubgraphDefinition<AssessmentLoaders> = {
  name: 'assessment',
  port: 4005,
  resolvers: [SchemeResolver, BoardResolver],
  entities: [],
  migrations: [Schemes1764400000005],
  createLoaders,
};
