import type { DataSource } from 'typeorm';
import { badUserInput, show } from '../../../platform/errors';
import { hasControlCharacter } from '../../../platform/text';
import { must } from './batch-checks';
import { withdrawRows, type Author, type WithdrawCounts } from './journal';
import { MAX_REASON_LENGTH } from './migration-sql';
import { MAX_RECORDS } from './record-inputs';
import { inWriteTransaction } from './upsert';

function refuse(problem: { field: string; value: unknown; reason: string }): never {
  throw badUserInput(`${problem.field} ${show(problem.value)} ${problem.reason}`, {
    field: problem.field,
    value: problem.value,
  });
}

/**
 * Withdraws records of one table by externalId, with a reason, all or nothing: the call is
 * checked whole first (1 to 5,000 ids, each a possible externalId, a reason that is not blank),
 * then runs in one transaction that refuses unknown ids. A dry run does it all and rolls back.
 */
export async function withdrawRecords(
  db: DataSource,
  table: string,
  externalIds: readonly string[],
  reason: string,
  author: Author,
  dryRun: boolean,
): Promise<WithdrawCounts> {
  if (externalIds.length === 0 || externalIds.length > MAX_RECORDS) {
    throw badUserInput(
      `externalIds has ${externalIds.length} ids; one call takes 1 to ${MAX_RECORDS.toLocaleString('en')}`,
      { field: 'externalIds', value: externalIds.length },
    );
  }
  for (const id of externalIds) {
    if (hasControlCharacter(id)) {
      refuse({ field: 'externalIds', value: id, reason: 'must not hold control characters' });
    }
    const problem = must.beId('externalIds', id, 64);
    if (problem) refuse(problem);
  }
  const blank = must.beText('reason', reason, MAX_REASON_LENGTH);
  if (blank) refuse(blank);
  const ids = [...new Set(externalIds)].sort();
  return inWriteTransaction(db, dryRun, (manager) =>
    withdrawRows(manager, table, ids, reason.trim(), author),
  );
}
