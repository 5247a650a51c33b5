import { isStationCode } from '../../platform/codes';
import { badUserInput, show } from '../../platform/errors';

/** One thing wrong with one field of one record of a batch. */
export interface Problem {
  field: string;
  value: unknown;
  reason: string;
}

export interface BatchChecks<T> {
  /** The most records one call takes. */
  max: number;
  /** The field that identifies a record in its batch (`code`, `externalId`); unique per batch. */
  idField: string;
  id: (item: T) => string;
  /** The problems of one record; an empty list when it is fine. */
  check: (item: T) => (Problem | null)[];
}

const REPORTED = 50;

interface LocatedProblem extends Problem {
  index: number;
  id: string;
}

/**
 * Checks a whole batch before anything is written, and refuses it whole: BAD_USER_INPUT whose
 * message names the first bad record (index and id), field and value, with every problem (up to
 * 50) in `extensions.problems`.
 */
export function validateBatch<T>(items: readonly T[], checks: BatchChecks<T>): void {
  if (items.length === 0 || items.length > checks.max) {
    throw badUserInput(
      `input has ${items.length} records; one call takes 1 to ${checks.max.toLocaleString('en')}`,
      { field: 'input', value: items.length },
    );
  }
  const problems: LocatedProblem[] = [];
  const firstIndex = new Map<string, number>();
  items.forEach((item, index) => {
    const id = checks.id(item);
    const located = (p: Problem) => ({ index, id, ...p });
    for (const problem of checks.check(item)) if (problem) problems.push(located(problem));
    const earlier = firstIndex.get(id);
    if (earlier === undefined) firstIndex.set(id, index);
    else {
      problems.push(
        located({ field: checks.idField, value: id, reason: `repeats input[${earlier}]` }),
      );
    }
  });
  const [first] = problems;
  if (!first) return;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
  throw badUserInput(
    `input[${first.index}] (${checks.idField} ${show(first.id)}): ${first.field} ${show(first.value)} ${first.reason}${more}`,
    { problems: problems.slice(0, REPORTED), problemCount: problems.length },
  );
}

/** Field checks shared by every kind of record; each returns a Problem or null. */
export const must = {
  beStationCode(field: string, value: string): Problem | null {
    return isStationCode(value) ? null : { field, value, reason: 'is not a 12-digit station code' };
  },
  notBeAfter(field: string, value: string, limit: string, what = 'today'): Problem | null {
    return value > limit ? { field, value, reason: `is after ${what} (${limit})` } : null;
  },
  notBeBefore(field: string, value: string, limit: string, what: string): Problem | null {
    return value < limit ? { field, value, reason: `is before ${what} (${limit})` } : null;
  },
  beWithin(field: string, value: number, min: number, max = Infinity): Problem | null {
    if (value >= min && value <= max) return null;
    const range = max === Infinity ? `${min} or more` : `between ${min} and ${max}`;
    return { field, value, reason: `must be ${range}` };
  },
  beId(field: string, value: string, maxLength: number): Problem | null {
    if (value.length === 0) return { field, value, reason: 'must not be empty' };
    if (value.trim() !== value)
      return { field, value, reason: 'must not start or end with spaces' };
    return value.length > maxLength
      ? { field, value, reason: `must be at most ${maxLength} characters` }
      : null;
  },
  beText(field: string, value: string, maxLength: number): Problem | null {
    const trimmed = value.trim();
    if (trimmed.length === 0) return { field, value, reason: 'must not be blank' };
    return trimmed.length > maxLength
      ? { field, value, reason: `must be at most ${maxLength} characters` }
      : null;
  },
};
