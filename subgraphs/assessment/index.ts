import type { SubgraphDefinition } from '../kit/service/definition';
import { AppealResolver } from './appeals/appeal-resolver';
import {
  BoardAppealsResolver,
  ChangeAppealsResolver,
  RowAppealsResolver,
} from './appeals/board-appeals';
import { CatalogResolver } from './catalog/catalog-resolver';
import { RegisteredDepartmentsResolver } from './catalog/registered-departments';
import { LiveBoardResolver } from './live/live-board-resolver';
import { createLoaders, type AssessmentLoaders } from './loaders';
import { Schemes1764400000005 } from './migrations/1764400000005-schemes';
import { Departments1764800000000 } from './migrations/1764800000000-departments';
import { PublishedBoards1764900000000 } from './migrations/1764900000000-published-boards';
import { Labels1765100000000 } from './migrations/1765100000000-labels';
import { PublisherNames1765300000000 } from './migrations/1765300000000-publisher-names';
import { Appeals1765400000000 } from './migrations/1765400000000-appeals';
import { SmallCounts1765500000000 } from './migrations/1765500000000-small-counts';
import { PublishedBoardResolver } from './published/published-board-resolver';
import { StationHistoryResolver } from './published/station-history';
import { SchemeResolver } from './scheme/scheme-resolver';

/**
 * The assessors' own (政法委): scoring schemes, the live board scored with them, and the boards
 * published as official results with each station's history on them, and the appeals
 * stations file against them.
 */
export const assessment: SubgraphDefinition<AssessmentLoaders> = {
  name: 'assessment',
  port: 4005,
  // The gateway's rows request carries every station's values from every department, about
  // 1.8 KB a station: 2.1 MB for Zhejiang's 1,178 stations. 16 MiB covers 9,000.
  maxBodyBytes: 16 * 1024 * 1024,
  // Its answer to that request is 1,178 rows of ~270 fields each: 3 MB.
  compileEntityFetches: true,
  resolvers: [
    SchemeResolver,
    CatalogResolver,
    RegisteredDepartmentsResolver,
    LiveBoardResolver,
    PublishedBoardResolver,
    StationHistoryResolver,
    AppealResolver,
    BoardAppealsResolver,
    RowAppealsResolver,
    ChangeAppealsResolver,
  ],
  entities: [],
  migrations: [
    Schemes1764400000005,
    Departments1764800000000,
    PublishedBoards1764900000000,
    Labels1765100000000,
    PublisherNames1765300000000,
    Appeals1765400000000,
    SmallCounts1765500000000,
  ],
  createLoaders,
};
