import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { groupedLoader, keyedLoader } from '../kit/service/loaders';
import { Division, DivisionLevel } from './division';
import { Station } from './station';

export interface StationsLoaders {
  station: DataLoader<string, Station | null>;
  division: DataLoader<string, Division | null>;
  children: DataLoader<string, Division[]>;
  stationsIn: DataLoader<Division, Station[], string>;
}

/** The prefix of the county codes inside a division, by its level. */
function divisionPrefix({ code, level }: Division): string {
  if (level === DivisionLevel.PROVINCE) return code.slice(0, 2);
  if (level === DivisionLevel.CITY) return code.slice(0, 4);
  return code;
}

/**
 * The stations of divisions, by division: one statement for the divisions asked in a tick,
 * none for a division inside one already loaded in the request (a city's counties after the
 * city), so a report of a division and its children reads the stations once.
 */
function stationsInLoader(db: DataSource): DataLoader<Division, Station[], string> {
  // Pending reads count too: the counties' batch may come while the city's is under way.
  const read: { prefix: string; stations: Promise<Station[]> }[] = [];
  const covering = (prefix: string) => read.find((r) => prefix.startsWith(r.prefix));
  return new DataLoader(
    (asked) => {
      const prefixes = asked.map(divisionPrefix);
      const missing = [...new Set(prefixes.filter((prefix) => !covering(prefix)))];
      if (missing.length > 0) {
        const found = db
          .getRepository(Station)
          .createQueryBuilder('s')
          .where('s.division_code LIKE ANY(:patterns)', {
            patterns: missing.map((prefix) => `${prefix}%`),
          })
          .orderBy('s.code')
          .getMany();
        read.push(...missing.map((prefix) => ({ prefix, stations: found })));
      }
      return Promise.all(
        prefixes.map(async (prefix) =>
          (await (covering(prefix)?.stations ?? [])).filter((s) =>
            s.divisionCode.startsWith(prefix),
          ),
        ),
      );
    },
    { cacheKeyFn: (division) => division.code },
  );
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
    stationsIn: stationsInLoader(db),
  };
}
