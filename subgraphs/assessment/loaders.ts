import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Context } from '../kit/service/context';
import { keyedLoader } from '../kit/service/loaders';
import { assertBoardRepresentation, departmentValues } from './live/department-fields';
import { createAppealLoaders, type AppealLoaders } from './appeals/appeal-loaders';
import { createPublishedLoaders, type PublishedLoaders } from './published/published-loaders';
import type { ScoredBoardRef } from './live/board-references';
import { unknownScheme, type Scheme } from './scheme/scheme';
import { newestScheme, schemesById } from './scheme/scheme-store';
import { scoreBoard } from './scoring/board';
import type { RankedRow } from './scoring/station';

export interface AssessmentLoaders {
  /** Schemes by id, whole (rules included), one statement per batch. */
  scheme: DataLoader<string, Scheme | null>;
  /** The newest scheme, also primed into `scheme` so the board reads it once. */
  newestScheme(): Promise<Scheme | null>;
  /** A board's rows, scored once per request however many fields (`rows`, `row`) ask. */
  scoredRows(board: ScoredBoardRef): Promise<RankedRow[]>;
  /** Published boards' rows and stations' histories. */
  published: PublishedLoaders;
  /** Appeals, their logs and the appeals of boards. */
  appeals: AppealLoaders;
}

/** What the assessment subgraph's resolvers receive: the kit's context with these loaders. */
export type AssessmentContext = Context<AssessmentLoaders>;

export function createLoaders(db: DataSource): AssessmentLoaders {
  const scheme = keyedLoader(
    (ids) => schemesById(db, ids),
    (s) => s.id,
  );
  let newest: Promise<Scheme | null> | undefined;
  const scored = new Map<string, Promise<RankedRow[]>>();
  return {
    scheme,
    published: createPublishedLoaders(db),
    appeals: createAppealLoaders(db),
    newestScheme() {
      newest ??= newestScheme(db).then((found) => {
        if (found) scheme.prime(found.id, found);
        return found;
      });
      return newest;
    },
    scoredRows(board) {
      assertBoardRepresentation(board);
      const key = `${board.scope}|${board.period}|${board.schemeId}`;
      let rows = scored.get(key);
      if (!rows) {
        rows = scheme.load(board.schemeId).then((found) => {
          if (!found) throw unknownScheme(board.schemeId);
          return scoreBoard(found, board.stations, departmentValues(board));
        });
        scored.set(key, rows);
      }
      return rows;
    },
  };
}
