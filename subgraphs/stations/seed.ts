import type { DataSource } from 'typeorm';
import type { DemoProfile } from '../kit/demo/profile';
import { demoStations } from '../kit/demo/stations';
import { serviceLogger } from '../kit/log';
import { upsertRows } from '../kit/upsert';
import { STATION_TABLE } from './station-table';

/** Loads the profile's stations when the registry is empty. */
export async function seed(db: DataSource, profile: DemoProfile): Promise<void> {
  const [{ exists }] = await db.query<[{ exists: boolean }]>(
    'SELECT EXISTS (SELECT FROM station) AS exists',
  );
  if (exists) return;
  const stations = demoStations(profile);
  await db.transaction((manager) => upsertRows(manager, STATION_TABLE, stations));
  serviceLogger('stations').info({ profile, stations: stations.length }, 'loaded demo stations');
}
