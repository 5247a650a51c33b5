import type { ClassType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { badUserInput, show } from '../../../platform/errors';
import {
  bounded,
  decodeCursor,
  encodeCursor,
  pageInfo,
  type PageInfo,
} from '../contract/connection';
import { indicatorKey, type Indicators } from '../figures/indicators';
import { fieldName } from './journal';
import type { DateRange } from '../figures/period';
import type { RecordBase } from './record-outputs';
import { figureOrigins, NOT_WITHDRAWN, type FiguresSource } from '../figures/figure-sources';
import { figuresStatement, type FiguresStatement } from '../figures/figures-query';

/** A record kind as the listings see it: its table, its type and the date it is listed by. */
export interface ListedKind {
  table: string;
  /** The GraphQL type of its records, e.g. CriminalCase. */
  type: ClassType;
  /** The date that places a record in a period when no indicator says which, e.g. filed_on. */
  dateColumn: string;
}

/**
 * One SELECT of a listing: a kind's rows of a station over a range of `dateColumn`, meeting
 * `where`, each adding `counts` (SQL) to the figure. Derived from the statistics' own sources
 * and measures, so the rows listed for an indicator are exactly the rows its figure counted.
 */
interface ListingPart {
  kind: number;
  dateColumn: string;
  where: string[];
  counts: string | null;
  /** Declared figures that are its totals, read like the statistics (rollup.ts); else null. */
  totals: ListingTotals | null;
}

/**
 * A listing's totals as declared figures: `totalCount` is the sum of `rows`, `indicatorTotal`
 * is `figure`. A count's rows are its figure, a rate's its sample; a sum's rows (the records
 * that add to it) are no figure, so they are counted from the records.
 */
interface ListingTotals {
  rows: string[];
  figure: string | null;
}

/**
 * How the listings read their totals: the department's figures statement (whole months from
 * the rollup, partial days from the records), and the figures that count every record of each
 * kind by its listing date, when every kind has one (a listing without an indicator).
 */
export interface ListingFigures {
  statement: FiguresStatement;
  everything: string[] | null;
}

/** The listings' figures from the department's declaration and its record kinds. */
export function listingFigures(
  sources: readonly FiguresSource<string>[],
  kinds: readonly ListedKind[],
): ListingFigures {
  const origins = [...figureOrigins(sources)];
  // A figure counts every record of a kind when its source has no condition, its measure
  // none either, and the source dates the table's rows as the listing does.
  const everything = kinds.map(
    (kind) =>
      origins.find(
        ([, { source, measure }]) =>
          source.table === kind.table &&
          source.dateColumn === kind.dateColumn &&
          !source.where &&
          !measure.where &&
          !measure.sum,
      )?.[0],
  );
  return {
    statement: figuresStatement(sources, true, LISTING_PARAMETERS + 1),
    everything: everything.every((f) => f !== undefined) ? everything : null,
  };
}

/** How to list the records behind each indicator of a department, checked at start-up. */
export type IndicatorListings = ReadonlyMap<string, ListingPart>;

/**
 * Each indicator's listing: a figure's rows are its source's rows meeting the source's and the
 * measure's conditions, each counting 1 or its summed column; a rate's rows are its sample's,
 * each counting 1 when the numerator counts it too. Throws when a declaration cannot be listed
 * (a figure without a source, a source without a record kind, a rate whose parts differ in
 * source): a department that cannot show the records behind a figure does not start.
 */
export function indicatorListings<F>(
  department: string,
  sources: readonly FiguresSource<keyof F & string>[],
  indicators: Indicators<F>,
  kinds: readonly ListedKind[],
): IndicatorListings {
  const origins = figureOrigins(sources);
  const originOf = (key: string, figure: string) => {
    const origin = origins.get(figure);
    if (!origin) throw new Error(`${key}: no statistics source makes figure ${figure}`);
    const kind = kinds.findIndex((k) => k.table === origin.source.table);
    if (kind < 0) throw new Error(`${key}: no record kind is stored in ${origin.source.table}`);
    const where = [origin.source.where, origin.measure.where].filter((w): w is string => !!w);
    return { ...origin, kind, where };
  };
  const listings = new Map<string, ListingPart>();
  for (const [figure, { reads: read }] of Object.entries(indicators)) {
    const key = indicatorKey(department, figure);
    if ('figure' in read) {
      const { kind, source, measure, where } = originOf(key, read.figure);
      // A sum's records are those that add to it: the accidents that killed, for deaths.
      listings.set(key, {
        kind,
        dateColumn: source.dateColumn,
        where: measure.sum ? [...where, `${measure.sum} > 0`] : where,
        counts: measure.sum ? `r.${measure.sum}` : '1',
        totals: measure.sum ? null : { rows: [read.figure], figure: read.figure },
      });
      continue;
    }
    const sample = originOf(key, read.of);
    const part = originOf(key, read.share);
    if (part.source !== sample.source || part.measure.sum || sample.measure.sum) {
      throw new Error(`${key}: a rate counts rows of its sample's own source`);
    }
    const numerator = part.measure.where ?? 'true';
    listings.set(key, {
      kind: sample.kind,
      dateColumn: sample.source.dateColumn,
      where: sample.where,
      counts: `CASE WHEN ${numerator} THEN 1 ELSE 0 END`,
      totals: { rows: [read.of], figure: read.share },
    });
  }
  return listings;
}

export interface ListingRequest {
  stationCode: string;
  range: DateRange;
  /** The indicator whose records to list, or null for every record of the department. */
  indicator: string | null;
  includeWithdrawn: boolean;
  first: number;
  after: string | null;
}

/** A listed record: what the department sent, its state, and what it adds to the figure. */
export type ListedRecord = RecordBase & { recordType: ClassType; recordTable: string };

export interface RecordPage {
  edges: { cursor: string; node: ListedRecord; counts: number | null }[];
  pageInfo: PageInfo;
  totalCount: number;
  indicatorTotal: number | null;
  from: string;
  to: string;
}

type Position = [kind: number, on: string, externalId: string];

const CURSOR_LIST = 'record';

/** The position a cursor of a record listing holds, or null when it holds none. */
function readPosition(text: string): Position | null {
  let position: unknown;
  try {
    position = JSON.parse(text);
  } catch {
    return null;
  }
  const valid =
    Array.isArray(position) &&
    position.length === 3 &&
    Number.isInteger(position[0]) &&
    typeof position[1] === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(position[1]) &&
    typeof position[2] === 'string';
  return valid ? (position as Position) : null;
}

/** The most records one page holds. */
export const MAX_RECORD_PAGE = 1000;

const STATE_COLUMNS = 'r.created_at, r.updated_at, r.withdrawn_at, r.withdrawal_reason';
const NOT_SENT = ["'created_at'", "'updated_at'", "'withdrawn_at'", "'withdrawal_reason'"];

interface ListedRow {
  kind: number;
  on_date: string;
  external_id: string;
  row: Record<string, unknown> | null;
  created_at: Date;
  updated_at: Date;
  withdrawn_at: Date | null;
  withdrawal_reason: string | null;
  counts: number | null;
  total: number;
  /** bigint, which pg hands over as text. */
  figure: string | null;
}

/** The parameters of the listing's own part of its statement; the figures' come after them. */
const LISTING_PARAMETERS = 7;

/**
 * One page of a station's records in a range, and their number and figure over all pages, in
 * ONE statement: the matching rows of each kind (an index range scan per kind over its date)
 * after the cursor, in (kind, date, id) order, beside the totals. Totals that are declared
 * figures are read as the statistics read them (whole months from the rollup, the days of a
 * partial month from the records), so a listing agrees with its figure by construction; the
 * others (a sum's records, withdrawn ones listed too) are counted over the matching rows.
 */
export async function listRecords(
  db: DataSource,
  kinds: readonly ListedKind[],
  listings: IndicatorListings,
  figures: ListingFigures,
  request: ListingRequest,
): Promise<RecordPage> {
  const { first, indicator } = request;
  bounded(first, 'first', MAX_RECORD_PAGE);
  let parts: ListingPart[];
  let totals: ListingTotals | null;
  if (indicator === null) {
    parts = kinds.map((k, kind) => ({
      kind,
      dateColumn: k.dateColumn,
      where: [],
      counts: null,
      totals: null,
    }));
    totals = figures.everything && { rows: figures.everything, figure: null };
  } else {
    const part = listings.get(indicator);
    if (!part) {
      throw badUserInput(
        `indicator ${show(indicator)} is not one of this department's: ${[...listings.keys()].join(', ')}`,
        { field: 'indicator', value: indicator },
      );
    }
    parts = [part];
    totals = part.totals;
  }
  // Withdrawn records listed too are no figure: then the records are counted.
  if (request.includeWithdrawn) totals = null;
  const after =
    request.after === null ? null : decodeCursor(CURSOR_LIST, request.after, readPosition);
  const selects = parts.map((part) => {
    const kind = kinds[part.kind];
    if (!kind) throw new Error(`no record kind ${part.kind}`);
    const where = [
      'r.station_code = $1',
      `r.${part.dateColumn} BETWEEN $2 AND $3`,
      ...part.where.map((w) => `(${w})`),
      ...(request.includeWithdrawn ? [] : [`r.${NOT_WITHDRAWN}`]),
    ];
    const counts = part.counts
      ? `CASE WHEN r.${NOT_WITHDRAWN} THEN ${part.counts} ELSE 0 END`
      : 'NULL';
    return `SELECT ${part.kind} AS kind, r.${part.dateColumn} AS on_date, r.external_id,
        to_jsonb(r) - ${NOT_SENT.join(' - ')} AS row, ${STATE_COLUMNS}, (${counts})::int AS counts
      FROM ${kind.table} r WHERE ${where.join(' AND ')}`;
  });
  const counted = `SELECT count(*)::int AS total, sum(counts)::bigint AS figure FROM m`;
  const fromFigures = (t: ListingTotals) => {
    const f = (name: string) => `f."${name}"`;
    return `SELECT coalesce(sum(${t.rows.map(f).join(' + ')}), 0)::int AS total,
        ${t.figure ? `coalesce(sum(${f(t.figure)}), 0)::bigint` : 'NULL::bigint'} AS figure
      FROM (${figures.statement.sql}) f`;
  };
  const rows = await db.query<ListedRow[]>(
    `WITH m AS (${selects.join('\n      UNION ALL ')})
     SELECT t.total, t.figure, p.* FROM
       (${totals ? fromFigures(totals) : counted}) t
       LEFT JOIN LATERAL (
         SELECT * FROM m WHERE (kind, on_date, external_id) > ($4::int, $5::date, $6::text)
         ORDER BY kind, on_date, external_id LIMIT $7
       ) p ON true`,
    [
      request.stationCode,
      request.range.from,
      request.range.to,
      ...(after ?? [-1, '0001-01-01', '']),
      first + 1,
      ...(totals ? figures.statement.parameters([request.stationCode], [request.range]) : []),
    ],
  );
  const listed = rows.filter((r) => r.row !== null);
  const edges = listed.slice(0, first).map((r) => {
    const kind = kinds[r.kind];
    const sent = Object.fromEntries(
      Object.entries(r.row ?? {}).map(([column, value]) => [fieldName(column), value]),
    );
    return {
      cursor: encodeCursor(CURSOR_LIST, JSON.stringify([r.kind, r.on_date, r.external_id])),
      counts: r.counts,
      node: {
        ...sent,
        recordType: kind.type,
        recordTable: kind.table,
        externalId: r.external_id,
        stationCode: String(sent.stationCode),
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        withdrawnAt: r.withdrawn_at,
        withdrawalReason: r.withdrawal_reason,
      },
    };
  });
  const [summary] = rows;
  return {
    edges,
    pageInfo: pageInfo(
      edges.map((e) => e.cursor),
      listed.length > first,
      after !== null,
    ),
    totalCount: summary?.total ?? 0,
    indicatorTotal: indicator === null ? null : Number(summary?.figure ?? 0),
    ...request.range,
  };
}
