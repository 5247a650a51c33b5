import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { groupedLoader, keyedLoader } from '../../kit/service/loaders';
import type { AppealEvent } from './appeal';
import type { Visibility } from './appeal-access';
import {
  appealsById,
  boardAppeals,
  eventsOf,
  type BoardAppealsRequest,
  type StoredAppeal,
} from './appeal-store';

export interface AppealLoaders {
  /** Appeals by id: one statement for every id of a request. */
  byId: DataLoader<string, StoredAppeal | null>;
  /** Each appeal's log: one statement for every appeal of an answer. */
  events: DataLoader<string, AppealEvent[]>;
  /**
   * The appeals of boards, of stations on them, or resolved by revisions, that `visibility`
   * shows: one statement for every list of a request.
   */
  onBoards(visibility: Visibility): DataLoader<BoardAppealsRequest, StoredAppeal[], string>;
}

export function createAppealLoaders(db: DataSource): AppealLoaders {
  const boards = new Map<string, DataLoader<BoardAppealsRequest, StoredAppeal[], string>>();
  return {
    byId: keyedLoader(
      (ids) => appealsById(db, ids),
      (appeal) => appeal.id,
    ),
    events: groupedLoader(
      (ids) => eventsOf(db, ids),
      (event) => event.appealId,
    ),
    onBoards(visibility) {
      const key = JSON.stringify(visibility);
      let loader = boards.get(key);
      if (!loader) {
        loader = new DataLoader((requests) => boardAppeals(db, visibility, requests), {
          cacheKeyFn: (request) => JSON.stringify(request),
        });
        boards.set(key, loader);
      }
      return loader;
    },
  };
}
