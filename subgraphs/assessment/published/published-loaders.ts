import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { groupedLoader } from '../../kit/service/loaders';
import {
  findBoards,
  readHistory,
  readRows,
  type BoardHeader,
  type BoardQuery,
  type HistoryRequest,
  type RowsPage,
  type RowsRequest,
  type StoredHistoryPoint,
} from './published-store';

export interface PublishedLoaders {
  /** Revisions of boards: every `publishedBoard` of one request in one statement. */
  board: DataLoader<BoardQuery, BoardHeader | null, string>;
  /** Pages of rows: every `rows` and `row` of one operation, on any boards, in one statement. */
  rows: DataLoader<RowsRequest, RowsPage, string>;
  /** Stations' histories under one set of arguments: one statement for every station asked. */
  history(request: HistoryRequest): DataLoader<string, StoredHistoryPoint[]>;
}

export function createPublishedLoaders(db: DataSource): PublishedLoaders {
  const histories = new Map<string, DataLoader<string, StoredHistoryPoint[]>>();
  return {
    board: new DataLoader((queries) => findBoards(db, queries), {
      cacheKeyFn: (query) => JSON.stringify(query),
    }),
    rows: new DataLoader((requests) => readRows(db, requests), {
      cacheKeyFn: (request) => JSON.stringify(request),
    }),
    history(request) {
      const key = JSON.stringify(request);
      let loader = histories.get(key);
      if (!loader) {
        loader = groupedLoader(
          (codes) => readHistory(db, request, codes),
          (point) => point.stationCode,
        );
        histories.set(key, loader);
      }
      return loader;
    },
  };
}
