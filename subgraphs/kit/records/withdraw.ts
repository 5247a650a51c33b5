import type { DataSource } from 'typeorm';
import { badUserInput, show } from '../../../platform/errors';
import { hasControlCharacter } from '../../../platform/text';
import { must, type LocatedProblem } from './batch-checks';
import { withdrawRows, type Author, type WithdrawCounts } from './journal';
import { MAX_RECORDS } from './record-inputs';
import { reasonProblem } from './reasons';
import { inWriteTransaction, type DryRunAnswer } from './upsert';

/** Every problem of the ids sent, by index: each a possible externalId. */
function idProblems(externalIds: readonly string[]): LocatedProblem[] {
  return externalIds.flatMap((id, index) => {
    const problem = hasControlCharacter(id)
      ? { field: 'externalIds', value: id, reason: 'must not hold control characters' }
      : must.beId('externalIds', id, 64);
    return problem ? [{ index, id, ...problem }] : [];
  });
}

/**
 * Withdraws records of one table by externalId, with a reason, all or nothing: the call is
 * checked whole first (1 to 5,000 ids, each a possible externalId, a reason that is not blank;
 * every problem named at once), then runs in one transaction that refuses unknown ids. A dry run
 * does it all and rolls back.
 */
export async function withdrawRecords(
  db: DataSource,
  table: string,
  externalIds: readonly string[],
  reason: string,
  author: Author,
  dryRun: boolean,
): Promise<DryRunAnswer<WithdrawCounts>> {
  if (externalIds.length === 0 || externalIds.length > MAX_RECORDS) {
    throw badUserInput(
      `externalIds has ${externalIds.length} ids; one call takes 1 to ${MAX_RECORDS.toLocaleString('en')}`,
      { field: 'externalIds', value: externalIds.length },
    );
  }
  const problems: Omit<LocatedProblem, 'index' | 'id'>[] = idProblems(externalIds);
  const badReason = reasonProblem(reason);
  if (badReason) problems.push(badReason);
  const [first] = problems;
  if (first) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
    throw badUserInput(`${first.field} ${show(first.value)} ${first.reason}${more}`, {
      field: first.field,
      value: first.value,
      problems: problems.slice(0, 50),
      problemCount: problems.length,
    });
  }
  return inWriteTransaction(db, dryRun, (manager) =>
    withdrawRows(manager, table, externalIds, reason.trim(), author),
  );
}
