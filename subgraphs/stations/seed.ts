import type { DataSource } from 'typeorm';
import { loadDemoRows } from '../kit/demo/load';
import type { DemoProfile } from '../kit/demo/profile';
import { demoStations } from '../kit/demo/stations';
import { STATION_TABLE } from './station-table';

/** Loads the profile's stations when the registry is empty. */
export function seed(db: DataSource, profile: DemoProfile): Promise<void> {
  return loadDemoRows(db, 'stations', STATION_TABLE, demoStations(profile));
}
