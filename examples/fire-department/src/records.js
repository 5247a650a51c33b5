import { badInput } from './errors.js';
import { FIGURES, indicatorByKey, INDICATORS } from './figures.js';
import { isDate } from './period.js';

const MAX_PAGE = 1000;
const MAX_BATCH = 5000;
const MAX_REASON = 500;

const cursorOf = (row) =>
  Buffer.from(JSON.stringify([row.occurred_on, row.external_id])).toString('base64url');

function afterCursor(after) {
  if (after == null) return null;
  try {
    const [date, id] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    if (isDate(date) && typeof id === 'string') return [date, id];
  } catch {
    // Refused below, as any cursor this service did not give.
  }
  throw badInput('after is not a cursor of this listing', { field: 'after' });
}

const fire = (row) => ({
  externalId: row.external_id,
  stationCode: row.station_code,
  occurredOn: row.occurred_on,
  deaths: row.deaths,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
  withdrawnAt: row.withdrawn_at?.toISOString() ?? null,
  withdrawalReason: row.withdrawal_reason,
});

/**
 * A page of a station's fires in a date range: with an indicator, exactly those its figure
 * sums (the same FIGURES definition), each edge saying what it adds; one statement.
 */
export async function listFires(db, { station, range, indicator, includeWithdrawn, first, after }) {
  const definition = indicator == null ? null : indicatorByKey(indicator);
  if (indicator != null && !definition) {
    const keys = INDICATORS.map((i) => i.key).join(', ');
    throw badInput(`indicator ${JSON.stringify(indicator)} is not one of ${keys}`, {
      field: 'indicator',
    });
  }
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
    throw badInput(`first must be 1 to ${MAX_PAGE}`, { field: 'first' });
  }
  const cursor = afterCursor(after);
  const figure = definition ? FIGURES[definition.reads[0]] : { measure: '0', filter: 'true' };
  const { rows } = await db.query(
    `WITH listed AS (
       SELECT *, CASE WHEN withdrawn_at IS NULL THEN ${figure.measure} ELSE 0 END AS counts
         FROM fire.fires
        WHERE station_code = $1 AND occurred_on BETWEEN $2 AND $3 AND ${figure.filter}
          AND (withdrawn_at IS NULL OR $4)),
     totals AS (SELECT count(*)::int AS total, coalesce(sum(counts), 0)::int AS indicator_total FROM listed)
     SELECT totals.*, page.*
       FROM totals LEFT JOIN LATERAL (
         SELECT * FROM listed
          WHERE $5::date IS NULL OR (occurred_on, external_id) > ($5::date, $6::text)
          ORDER BY occurred_on, external_id
          LIMIT $7) page ON true`,
    [
      station,
      range.from,
      range.to,
      includeWithdrawn,
      cursor?.[0] ?? null,
      cursor?.[1] ?? null,
      first + 1,
    ],
  );
  const [{ total, indicator_total: indicatorTotal }] = rows;
  const listed = rows.filter((row) => row.external_id !== null);
  const page = listed.slice(0, first);
  const edges = page.map((row) => ({
    cursor: cursorOf(row),
    node: fire(row),
    counts: definition ? row.counts : null,
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: listed.length > first,
      hasPreviousPage: cursor !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: total,
    indicatorTotal: definition ? indicatorTotal : null,
    from: range.from,
    to: range.to,
  };
}

/** Every problem of a batch, each naming the record and the field: refused whole. */
function problems(input, today) {
  const found = [];
  const seen = new Set();
  input.forEach((r, index) => {
    const at = (field, message) => found.push({ index, field, message });
    if (r.externalId.length < 1 || r.externalId.length > 64)
      at('externalId', 'must be 1 to 64 characters');
    if (seen.has(r.externalId)) at('externalId', 'is sent twice in the batch');
    seen.add(r.externalId);
    if (!/^\d{12}$/.test(r.stationCode)) at('stationCode', 'is not a 12-digit station code');
    if (!isDate(r.occurredOn) || r.occurredOn < '1949-10-01' || r.occurredOn > today) {
      at('occurredOn', `must be a date from 1949-10-01 to today (${today})`);
    }
    if (r.deaths < 0 || r.deaths > 10000) at('deaths', 'must be 0 to 10,000');
  });
  return found;
}

async function inTransaction(pool, dryRun, work) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query(dryRun ? 'ROLLBACK' : 'COMMIT');
    // The answer says whether it was a dry run: its counts are then what the write would do.
    return { ...result, dryRun };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

function batchSize(list, what) {
  if (list.length < 1 || list.length > MAX_BATCH) {
    throw badInput(`send 1 to ${MAX_BATCH} ${what} per call`, { field: what });
  }
}

/** A reason as the trail keeps it (a withdrawal's, or a correction's): 1 to 500 visible characters. */
function checkedReason(reason) {
  const text = reason.trim();
  if (text.length === 0 || reason.length > MAX_REASON || /\p{Cc}/u.test(reason)) {
    throw badInput(
      `reason must be 1 to ${MAX_REASON} visible characters, without control characters`,
      { field: 'reason' },
    );
  }
  return text;
}

/**
 * recordFires: inserts, updates (restoring a withdrawn fire) or leaves each fire, and logs it
 * with the reason given, if any (a correction's; an appeal's answer names the appeal).
 */
export async function recordFires(pool, input, { dryRun, author, today, reason }) {
  batchSize(input, 'input');
  const why = reason == null ? null : checkedReason(reason);
  const found = problems(input, today);
  if (found.length > 0) {
    const [first] = found;
    throw badInput(`record ${first.index}: ${first.field} ${first.message}`, {
      problems: found.slice(0, 20),
    });
  }
  return inTransaction(pool, dryRun, async (db) => {
    const { rows } = await db.query(
      `WITH sent AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::int[])
                    AS s(external_id, station_code, occurred_on, deaths)),
       before AS (
         SELECT f.* FROM fire.fires f JOIN sent USING (external_id) FOR UPDATE),
       written AS (
         INSERT INTO fire.fires AS f (external_id, station_code, occurred_on, deaths)
         SELECT external_id, station_code, occurred_on, deaths FROM sent
         ON CONFLICT (external_id) DO UPDATE
            SET station_code = excluded.station_code, occurred_on = excluded.occurred_on,
                deaths = excluded.deaths, updated_at = now(), withdrawn_at = NULL, withdrawal_reason = NULL
          WHERE (f.station_code, f.occurred_on, f.deaths, f.withdrawn_at)
                IS DISTINCT FROM (excluded.station_code, excluded.occurred_on, excluded.deaths, NULL)
         RETURNING f.external_id)
       SELECT sent.external_id,
              CASE WHEN before.external_id IS NULL THEN 'INSERT'
                   WHEN written.external_id IS NULL THEN NULL
                   WHEN before.withdrawn_at IS NOT NULL THEN 'RESTORE'
                   ELSE 'UPDATE' END AS action,
              jsonb_build_object('stationCode', sent.station_code, 'occurredOn', sent.occurred_on,
                                 'deaths', sent.deaths) AS changes
         FROM sent LEFT JOIN before USING (external_id) LEFT JOIN written USING (external_id)`,
      [
        input.map((r) => r.externalId),
        input.map((r) => r.stationCode),
        input.map((r) => r.occurredOn),
        input.map((r) => r.deaths),
      ],
    );
    const logged = rows.filter((row) => row.action !== null);
    await log(db, logged, author, why);
    const count = (action) => rows.filter((row) => row.action === action).length;
    return {
      inserted: count('INSERT'),
      updated: count('UPDATE') + count('RESTORE'),
      unchanged: count(null),
    };
  });
}

/** withdrawFires: keeps each fire but stops it counting, with the reason, and logs it. */
export async function withdrawFires(pool, externalIds, reason, { dryRun, author }) {
  batchSize(externalIds, 'externalIds');
  const text = checkedReason(reason);
  return inTransaction(pool, dryRun, async (db) => {
    const { rows } = await db.query(
      `SELECT external_id, withdrawn_at FROM fire.fires WHERE external_id = ANY($1) FOR UPDATE`,
      [externalIds],
    );
    const known = new Set(rows.map((row) => row.external_id));
    const unknown = [...new Set(externalIds)].filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw badInput(`no fire ${JSON.stringify(unknown[0])} to withdraw`, {
        field: 'externalIds',
        unknown: unknown.slice(0, 20),
      });
    }
    const fresh = rows.filter((row) => row.withdrawn_at === null).map((row) => row.external_id);
    await db.query(
      `UPDATE fire.fires SET withdrawn_at = now(), withdrawal_reason = $2, updated_at = now()
        WHERE external_id = ANY($1)`,
      [fresh, text],
    );
    await log(
      db,
      fresh.map((id) => ({ external_id: id, action: 'WITHDRAW', changes: {} })),
      author,
      text,
    );
    return { withdrawn: fresh.length, unchanged: rows.length - fresh.length };
  });
}

/** The trail: one row per record written, with who, in which request and why. */
async function log(db, rows, author, reason) {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO fire.changes (external_id, action, sub, role, request_id, changes, reason)
     SELECT external_id, action, $3, $4, $5, changes, $6
       FROM unnest($1::text[], $2::text[], $7::jsonb[]) AS c(external_id, action, changes)`,
    [
      rows.map((row) => row.external_id),
      rows.map((row) => row.action),
      author.sub,
      author.role,
      author.requestId,
      reason,
      rows.map((row) => JSON.stringify(row.changes)),
    ],
  );
}
