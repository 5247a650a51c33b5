import type { DataSource } from 'typeorm';
import { loadDemoRows } from '../../demo/load';
import type { DemoProfile } from '../../demo/profile';
import { demoStations } from '../../demo/stations';
import { STATION_TABLE } from './station-table';

/** Loads the profile's stations when the registry is empty. */
export function seed(db: DataSource, profile: DemoProfile): Promise<void> {
  return loadDemoRows(db, 'stations', STATION_TABLE, demoStations(profile));
}
