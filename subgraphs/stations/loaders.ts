import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { groupedLoader, keyedLoader } from '../kit/loaders';
import { Division, DivisionLevel } from './division';
import { Station } from './station';

export interface StationsLoaders {
  station: DataLoader<string, Station | null>;
  division: DataLoader<string, Division | null>;
  children: DataLoader<string, Division[]>;
  totals: DataLoader<string, DivisionTotals>;
  stationsIn: DataLoader<Division, Station[], string>;
}

/** What the registry sums over a division's stations. */
export interface DivisionTotals {
  stationCount: number;
  officers: number;
  socialOrganizations: number;
}

const NO_STATIONS: DivisionTotals = { stationCount: 0, officers: 0, socialOrganizations: 0 };

/** SQL: the prefix of the county codes inside division `d`, by its level. */
export const DIVISION_PREFIX_SQL = `CASE d.level WHEN 'PROVINCE' THEN left(d.code, 2)
  WHEN 'CITY' THEN left(d.code, 4) ELSE d.code END`;

/** The prefix of the county codes inside a division, as DIVISION_PREFIX_SQL computes it. */
export function divisionPrefix({ code, level }: Division): string {
  if (level === DivisionLevel.PROVINCE) return code.slice(0, 2);
  if (level === DivisionLevel.CITY) return code.slice(0, 4);
  return code;
}

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
    totals: new DataLoader(async (codes) => {
      const rows = await db.query<({ code: string } & DivisionTotals)[]>(
        `SELECT d.code, count(s.code)::int AS "stationCount",
                coalesce(sum(s.officers), 0)::int AS officers,
                coalesce(sum(s.social_organizations), 0)::int AS "socialOrganizations"
         FROM division d
         LEFT JOIN station s ON s.division_code LIKE ${DIVISION_PREFIX_SQL} || '%'
         WHERE d.code = ANY($1)
         GROUP BY d.code`,
        [codes],
      );
      const totals = new Map(rows.map(({ code, ...sums }) => [code, sums]));
      return codes.map((code) => totals.get(code) ?? NO_STATIONS);
    }),
    // One statement for every division asked in a tick (a city and its counties): the stations
    // under any of their prefixes, each then listed under every division whose prefix it has.
    stationsIn: new DataLoader(
      async (asked) => {
        const prefixes = asked.map(divisionPrefix);
        const found = await stations
          .createQueryBuilder('s')
          .where('s.division_code LIKE ANY(:patterns)', {
            patterns: [...new Set(prefixes)].map((prefix) => `${prefix}%`),
          })
          .orderBy('s.code')
          .getMany();
        return prefixes.map((prefix) => found.filter((s) => s.divisionCode.startsWith(prefix)));
      },
      { cacheKeyFn: (division) => division.code },
    ),
  };
}
