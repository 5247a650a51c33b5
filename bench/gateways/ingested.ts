import pg from 'pg';
import { CASE_TABLE } from '../../subgraphs/cases/record-inputs';
import { INGEST_PREFIX, type ProfileStation } from './scenarios';

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/** The profile's stations from the registry's table, for scopes and ingested records. */
export function profileStations(url: string): Promise<ProfileStation[]> {
  return query<ProfileStation>(
    url,
    'SELECT code, division_code AS "divisionCode" FROM stations.station ORDER BY code',
  );
}

/**
 * Removes the cases the ingestion scenario wrote (before a run too, in case one was cut
 * short), so every run reads the same profile and its tables do not grow run after run.
 */
export async function removeIngested(url: string): Promise<void> {
  await query(
    url,
    `DELETE FROM cases.${CASE_TABLE.table} WHERE external_id LIKE '${INGEST_PREFIX}%'`,
  );
  await query(url, `VACUUM (ANALYZE) cases.${CASE_TABLE.table}`);
}
