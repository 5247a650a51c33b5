import type { UpsertTable } from '../kit/upsert';

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

export const STATION_TABLE: UpsertTable<StationRow> = {
  table: 'station',
  key: ['code'],
  columns: [
    { name: 'code', type: 'text', value: (s) => s.code },
    { name: 'name', type: 'text', value: (s) => s.name.trim() },
    { name: 'division_code', type: 'text', value: (s) => s.divisionCode },
    { name: 'address', type: 'text', value: (s) => s.address.trim() },
    { name: 'brand', type: 'text', value: (s) => s.brand?.trim() || null },
    { name: 'creation_status', type: 'text', value: (s) => s.creationStatus },
    { name: 'officers', type: 'integer', value: (s) => s.officers },
    { name: 'population', type: 'integer', value: (s) => s.population },
    { name: 'social_organizations', type: 'integer', value: (s) => s.socialOrganizations },
  ],
};
