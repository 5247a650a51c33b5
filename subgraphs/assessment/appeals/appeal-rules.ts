import { intEnv } from '../../../platform/config';
import { badUserInput, show } from '../../../platform/errors';
import { must } from '../../kit/records/batch-checks';
import { MAX_REASON_LENGTH } from '../../kit/records/migration-sql';
import type { Department } from '../enums';
import type { Scheme } from '../scheme/scheme';
import { MAX_APPEAL_RECORDS, type AppealRecord, type AppealRecordInput } from './appeal';

/** How long after a revision's publication its stations may appeal, unless APPEAL_WINDOW_DAYS says. */
const DEFAULT_WINDOW_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** APPEAL_WINDOW_DAYS, read as every other limit is (0 closes appeals altogether). */
function appealWindowDays(): number {
  return intEnv('APPEAL_WINDOW_DAYS', DEFAULT_WINDOW_DAYS);
}

/** Refuses a filing once the window after the revision's publication has passed. */
export function assertWithinWindow(publishedAt: Date, revision: number, now = new Date()): void {
  const days = appealWindowDays();
  const closes = new Date(publishedAt.getTime() + days * DAY_MS);
  if (now >= closes) {
    throw badUserInput(
      `the appeal window of revision ${revision} closed at ${closes.toISOString()} ` +
        `(${days} days after its publication, APPEAL_WINDOW_DAYS)`,
      { field: 'period', closedAt: closes.toISOString(), windowDays: days },
    );
  }
}

/**
 * A text kept for good in the appeal's log (a claim, an answer, a withdrawal's reason): the
 * rules of a record's withdrawal reason, the one validator both use, then trimmed.
 */
export function appealText(field: string, value: string): string {
  const problem = must.beText(field, value, MAX_REASON_LENGTH);
  if (problem) {
    throw badUserInput(`${field} ${show(value)} ${problem.reason}`, { field, value });
  }
  return value.trim();
}

const PREFIXES = [
  ['deduction:', 'deductions'],
  ['veto:', 'vetoes'],
] as const;

/**
 * The indicator an item of a board's scheme reads and the department owning it: an indicator
 * key, `deduction:<key>` or `veto:<key>`; BAD_USER_INPUT for anything the scheme does not score.
 */
export function itemOf(scheme: Scheme, item: string): { key: string; department: Department } {
  const [prefix, list] = PREFIXES.find(([p]) => item.startsWith(p)) ?? ['', 'indicators'];
  const key = item.slice(prefix.length);
  const found = scheme[list].find((rule) => rule.key === key);
  if (!found) {
    throw badUserInput(
      `item ${show(item)} is not scored by scheme ${scheme.id}: an indicator key ` +
        '(traffic.deaths), deduction:<key> or veto:<key> of the board’s scheme',
      { field: 'item', value: item },
    );
  }
  return { key, department: found.department };
}

/**
 * The records an appeal names: at most MAX_APPEAL_RECORDS, each an externalId as the records
 * take it, of the department owning the item (the one that answers and can correct them),
 * without repeats.
 */
export function appealRecords(
  records: readonly AppealRecordInput[],
  department: Department,
): AppealRecord[] {
  if (records.length > MAX_APPEAL_RECORDS) {
    throw badUserInput(
      `records has ${records.length} records; an appeal names at most ${MAX_APPEAL_RECORDS}`,
      { field: 'records', value: records.length },
    );
  }
  const seen = new Set<string>();
  for (const record of records) {
    const problem =
      must.beText('records.externalId', record.externalId, 64) ??
      must.beId('records.externalId', record.externalId, 64);
    if (problem) {
      throw badUserInput(`${problem.field} ${show(problem.value)} ${problem.reason}`, {
        field: problem.field,
        value: problem.value,
      });
    }
    if (record.department !== department) {
      throw badUserInput(
        `records: ${record.department} ${show(record.externalId)} is not a record of ${department}, ` +
          'which owns the item and answers the appeal',
        { field: 'records.department', value: record.department },
      );
    }
    if (seen.has(record.externalId)) {
      throw badUserInput(`records: ${show(record.externalId)} is named twice`, {
        field: 'records.externalId',
        value: record.externalId,
      });
    }
    seen.add(record.externalId);
  }
  return records.map(({ department: d, externalId }) => ({ department: d, externalId }));
}
