import { entityTable } from '../kit/records/entity-table';
import { Station } from './station';

/** What a station row is made of, whether it comes from upsertStations or the demo data. */
export interface StationRow {
  code: string;
  name: string;
  divisionCode: string;
  address: string;
  brand?: string | null;
  creationStatus: string;
  officers: number;
  population: number;
  socialOrganizations: number;
}

/** The station table as the Station entity maps it; names and addresses are stored trimmed. */
export const STATION_TABLE = entityTable<StationRow>(Station, {
  name: (s) => s.name.trim(),
  address: (s) => s.address.trim(),
  brand: (s) => s.brand?.trim() || null,
});
