import { isStationCode } from '../../../platform/codes';
import { badUserInput, show } from '../../../platform/errors';
import { hasControlCharacter, hasVisibleCharacter } from '../../../platform/text';

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

/**
 * The earliest business date a record may carry: 1 October 1949, when the public security
 * organs of today were founded. Earlier dates are typing slips (0000-01-01 is not even a date
 * PostgreSQL stores).
 */
const EARLIEST_DAY = '1949-10-01';

/** Every string of a record, whatever its field, without control characters. */
function controlCharacters(item: unknown): Problem[] {
  if (typeof item !== 'object' || item === null) return [];
  return Object.entries(item).flatMap(([field, value]) =>
    typeof value === 'string' && hasControlCharacter(value)
      ? [
          {
            field,
            value,
            reason:
              'must not hold control characters (U+0000 to U+001F, U+007F to U+009F) or unpaired surrogates',
          },
        ]
      : [],
  );
}

/** A problem of one record of a batch: its index in the batch and its id. */
export interface LocatedProblem extends Problem {
  index: number;
  id: string;
}

/**
 * Every problem of a batch, every record and every field of it (not the first only), so that
 * the sender fixes them all at once; a batch of no records or too many is refused outright.
 */
export function batchProblems<T>(items: readonly T[], checks: BatchChecks<T>): LocatedProblem[] {
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
    const controls = controlCharacters(item);
    const garbled = new Set(controls.map((p) => p.field));
    for (const problem of controls) problems.push(located(problem));
    // A field with a control character is reported once, not again by its own rule.
    for (const problem of checks.check(item)) {
      if (problem && !garbled.has(problem.field)) problems.push(located(problem));
    }
    const earlier = firstIndex.get(id);
    if (earlier === undefined) firstIndex.set(id, index);
    else {
      problems.push(
        located({ field: checks.idField, value: id, reason: `repeats input[${earlier}]` }),
      );
    }
  });
  return problems;
}

/**
 * Refuses a batch with problems, whole: BAD_USER_INPUT whose message names the first bad record
 * (index and id), field and value, with every problem (up to 50), in record order, in
 * `extensions.problems`.
 */
export function refuseProblems(problems: readonly LocatedProblem[], idField: string): void {
  const sorted = [...problems].sort((a, b) => a.index - b.index);
  const [first] = sorted;
  if (!first) return;
  const more = sorted.length > 1 ? ` (and ${sorted.length - 1} more problems)` : '';
  throw badUserInput(
    `input[${first.index}] (${idField} ${show(first.id)}): ${first.field} ${show(first.value)} ${first.reason}${more}`,
    { problems: sorted.slice(0, REPORTED), problemCount: sorted.length },
  );
}

/** Checks a whole batch before anything is written, and refuses it whole (refuseProblems). */
export function validateBatch<T>(items: readonly T[], checks: BatchChecks<T>): void {
  refuseProblems(batchProblems(items, checks), checks.idField);
}

/** Field checks shared by every kind of record; each returns a Problem or null. */
export const must = {
  beStationCode(field: string, value: string): Problem | null {
    return isStationCode(value) ? null : { field, value, reason: 'is not a 12-digit station code' };
  },
  /** A business date: from EARLIEST_DAY to today. */
  beDay(field: string, value: string, today: string): Problem | null {
    if (value < EARLIEST_DAY) return { field, value, reason: `is before ${EARLIEST_DAY}` };
    return value > today ? { field, value, reason: `is after today (${today})` } : null;
  },
  notBeBefore(field: string, value: string, limit: string, what: string): Problem | null {
    return value < limit ? { field, value, reason: `is before ${what} (${limit})` } : null;
  },
  /** A number within its bounds; every numeric input has an upper one. */
  beWithin(field: string, value: number, min: number, max: number): Problem | null {
    return value >= min && value <= max
      ? null
      : { field, value, reason: `must be between ${min} and ${max}` };
  },
  beId(field: string, value: string, maxLength: number): Problem | null {
    if (value.length === 0) return { field, value, reason: 'must not be empty' };
    if (value.trim() !== value)
      return { field, value, reason: 'must not start or end with spaces' };
    if (value.trim() === '') return { field, value, reason: 'must not be blank' };
    if (!hasVisibleCharacter(value))
      return { field, value, reason: 'must hold a visible character' };
    return value.length > maxLength
      ? { field, value, reason: `must be at most ${maxLength} characters` }
      : null;
  },
  /**
   * A name, an address or a title: with a visible character (not only spaces or U+200B), no
   * control character, and at most maxLength characters as sent (what is stored).
   */
  beText(field: string, value: string, maxLength: number): Problem | null {
    if (hasControlCharacter(value))
      return { field, value, reason: 'must not hold control characters' };
    if (value.trim() === '') return { field, value, reason: 'must not be blank' };
    if (!hasVisibleCharacter(value))
      return { field, value, reason: 'must hold a visible character' };
    return value.length > maxLength
      ? { field, value, reason: `must be at most ${maxLength} characters` }
      : null;
  },
};
