import type { SubgraphDefinition } from '../kit/definition';
import { BoardResolver } from './board-resolver';
import { createLoaders, type AssessmentLoaders } from './loaders';
import { Schemes1764400000005 } from './migrations/1764400000005-schemes';
import { Departments1764800000000 } from './migrations/1764800000000-departments';
import { SchemeResolver } from './scheme-resolver';

/** The assessors' own (政法委): scoring schemes, and the board scored with them. */
export const assessment: SubgraphDefinition<AssessmentLoaders> = {
  name: 'assessment',
  port: 4005,
  // The gateway's rows request carries every station's values from every department, about
  // 1.8 KB a station: 2.1 MB for Zhejiang's 1,178 stations. 16 MiB covers 9,000.
  maxBodyBytes: 16 * 1024 * 1024,
  resolvers: [SchemeResolver, BoardResolver],
  entities: [],
  migrations: [Schemes1764400000005, Departments1764800000000],
  createLoaders,
};
