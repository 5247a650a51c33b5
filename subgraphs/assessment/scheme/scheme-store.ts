import type { DataSource } from 'typeorm';
import type { AssessmentSchemeInput } from './scheme-input';
import type { Scheme } from './scheme';

/**
 * Reading and publishing schemes. A scheme is read in one statement, its rules aggregated as
 * JSON (numeric columns become JSON numbers, so the decimals stored come back as written).
 */
const SELECT_SCHEMES = `
  SELECT s.id, s.name, s.version, s.title, s.published_at AS "publishedAt",
         s.published_by AS "publishedBy",
         (SELECT coalesce(json_agg(json_build_object(
                   'key', i.key, 'label', i.label, 'department', i.department, 'weight', i.weight,
                   'method', i.method, 'direction', i.direction, 'fullAt', i.full_at,
                   'zeroAt', i.zero_at, 'minSample', i.min_sample, 'whenShort', i.when_short,
                   'minBase', i.min_base)
                 ORDER BY i.position), '[]')
          FROM scheme_indicator i WHERE i.scheme_id = s.id) AS indicators,
         (SELECT coalesce(json_agg(json_build_object(
                   'key', d.key, 'label', d.label, 'department', d.department,
                   'pointsEach', d.points_each)
                 ORDER BY d.position), '[]')
          FROM scheme_deduction d WHERE d.scheme_id = s.id) AS deductions,
         (SELECT coalesce(json_agg(json_build_object(
                   'key', v.key, 'label', v.label, 'department', v.department)
                 ORDER BY v.position), '[]')
          FROM scheme_veto v WHERE v.scheme_id = s.id) AS vetoes
  FROM scheme s`;

/** A scheme as read: its JSON's timestamp as a Date. */
export function asRead(row: Scheme): Scheme {
  return { ...row, publishedAt: new Date(row.publishedAt) };
}

/**
 * The scheme whose id is `idColumn` as one JSON value, for a statement that reads a scheme
 * beside something else (a published board names its scheme): `(${schemeAsJson('b.scheme_id')})`.
 */
export function schemeAsJson(idColumn: string): string {
  return `SELECT to_json(x) FROM (${SELECT_SCHEMES} WHERE s.id = ${idColumn}) x`;
}

async function selectSchemes(db: DataSource, where: string, params: unknown[]): Promise<Scheme[]> {
  const rows = await db.query<Scheme[]>(`${SELECT_SCHEMES} ${where}`, params);
  return rows.map(asRead);
}

export function schemesById(db: DataSource, ids: readonly string[]): Promise<Scheme[]> {
  return selectSchemes(db, 'WHERE s.id = ANY($1)', [ids]);
}

/** The newest `limit` published versions, whatever their names, the newest first. */
export function newestSchemes(db: DataSource, limit: number): Promise<Scheme[]> {
  return selectSchemes(db, 'ORDER BY s.seq DESC LIMIT $1', [limit]);
}

/** The version published last, whatever its name: the board's default. */
export async function newestScheme(db: DataSource): Promise<Scheme | null> {
  const [newest] = await newestSchemes(db, 1);
  return newest ?? null;
}

/**
 * Stores a checked scheme as the next version of its name, in one transaction, each item with
 * its label in the catalogs checked against (`labelOf`). The advisory lock on the name makes two
 * publications of one name take versions one after the other.
 */
export function publishScheme(
  db: DataSource,
  input: AssessmentSchemeInput,
  labelOf: (key: string) => string,
  publishedBy: string,
): Promise<string> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`scheme:${input.name}`]);
    const [{ id }] = await tx.query<[{ id: string }]>(
      `INSERT INTO scheme (id, name, version, title, published_by)
       SELECT $1 || '@' || n.version, $1, n.version, $2, $3
       FROM (SELECT coalesce(max(version), 0) + 1 AS version FROM scheme WHERE name = $1) n
       RETURNING id`,
      [input.name, input.title.trim(), publishedBy],
    );
    const { indicators: i, deductions: d, vetoes: v } = input;
    await tx.query(
      `INSERT INTO scheme_indicator (scheme_id, position, key, department, weight, method,
         direction, full_at, zero_at, min_sample, when_short, label, min_base)
       SELECT $1, n - 1, key, department, weight, method, direction, full_at, zero_at,
              min_sample, when_short, label, min_base
       FROM unnest($2::text[], $3::text[], $4::numeric[], $5::text[], $6::text[], $7::numeric[],
                   $8::numeric[], $9::int[], $10::text[], $11::text[], $12::int[])
         WITH ORDINALITY AS t(key, department, weight, method, direction, full_at, zero_at,
                              min_sample, when_short, label, min_base, n)`,
      [
        id,
        i.map((x) => x.key),
        i.map((x) => x.department),
        i.map((x) => x.weight),
        i.map((x) => x.method),
        i.map((x) => x.direction),
        i.map((x) => x.fullAt),
        i.map((x) => x.zeroAt),
        i.map((x) => x.minSample ?? null),
        i.map((x) => x.whenShort ?? null),
        i.map((x) => labelOf(x.key)),
        i.map((x) => x.minBase ?? null),
      ],
    );
    await tx.query(
      `INSERT INTO scheme_deduction (scheme_id, position, key, department, points_each, label)
       SELECT $1, n - 1, key, department, points_each, label
       FROM unnest($2::text[], $3::text[], $4::numeric[], $5::text[])
         WITH ORDINALITY AS t(key, department, points_each, label, n)`,
      [
        id,
        d.map((x) => x.key),
        d.map((x) => x.department),
        d.map((x) => x.pointsEach),
        d.map((x) => labelOf(x.key)),
      ],
    );
    await tx.query(
      `INSERT INTO scheme_veto (scheme_id, position, key, department, label)
       SELECT $1, n - 1, key, department, label
       FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS t(key, department, label, n)`,
      [id, v.map((x) => x.key), v.map((x) => x.department), v.map((x) => labelOf(x.key))],
    );
    return id;
  });
}
