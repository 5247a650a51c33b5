import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { groupedLoader, keyedLoader } from '../kit/loaders';
import { Division } from './division';
import { Station } from './station';

export interface StationsLoaders {
  station: DataLoader<string, Station | null>;
  division: DataLoader<string, Division | null>;
  children: DataLoader<string, Division[]>;
  stationCount: DataLoader<string, number>;
}

/** SQL: the prefix of the county codes inside division `d`, by its level. */
export const DIVISION_PREFIX_SQL = `CASE d.level WHEN 'PROVINCE' THEN left(d.code, 2)
  WHEN 'CITY' THEN left(d.code, 4) ELSE d.code END`;

export function createLoaders(db: DataSource): StationsLoaders {
  const stations = db.getRepository(Station);
  const divisions = db.getRepository(Division);
  return {
    station: keyedLoader(
      (codes) =>
        stations.createQueryBuilder('s').where('s.code = ANY(:codes)', { codes }).getMany(),
      (s) => s.code,
    ),
    division: keyedLoader(
      (codes) =>
        divisions.createQueryBuilder('d').where('d.code = ANY(:codes)', { codes }).getMany(),
      (d) => d.code,
    ),
    children: groupedLoader(
      (codes) =>
        divisions
          .createQueryBuilder('d')
          .where('d.parent_code = ANY(:codes)', { codes })
          .orderBy('d.code')
          .getMany(),
      (d) => d.parentCode ?? '',
    ),
    stationCount: new DataLoader(async (codes) => {
      const rows = await db.query<{ code: string; count: number }[]>(
        `SELECT d.code, count(s.code)::int AS count
         FROM division d
         LEFT JOIN station s ON s.division_code LIKE ${DIVISION_PREFIX_SQL} || '%'
         WHERE d.code = ANY($1)
         GROUP BY d.code`,
        [codes],
      );
      const counts = new Map(rows.map((row) => [row.code, row.count]));
      return codes.map((code) => counts.get(code) ?? 0);
    }),
  };
}
