import { badUserInput, show } from '../../../platform/errors';
import { must, type Problem } from './batch-checks';
import { MAX_REASON_LENGTH } from './migration-sql';

/**
 * Why a write was made, as the change log keeps it: a withdrawal's (required) or a correction's
 * (optional). One rule for both: 1 to 500 characters with a visible one, no control character;
 * kept trimmed.
 *
 * A write that answers an appeal (申诉) names the appeal first, then the ground:
 * `申诉 <appeal id>：该案件属邻所`. The record's history then shows which appeal changed it, and the
 * appeal's answer can point to the records it corrected or withdrew.
 */
export function reasonProblem(reason: string): Problem | null {
  return must.beText('reason', reason, MAX_REASON_LENGTH);
}

/** A correction's reason, refused (BAD_USER_INPUT) when reasonProblem finds one; trimmed. */
export function checkedReason(reason: string): string {
  const problem = reasonProblem(reason);
  if (problem) {
    throw badUserInput(`reason ${show(reason)} ${problem.reason}`, {
      field: 'reason',
      value: reason,
    });
  }
  return reason.trim();
}

const CONVENTION =
  'A write answering an appeal (申诉) names it first: "申诉 <appeal id>：<ground>".';

/** The `reason` argument of a record mutation: optional, kept on every entry it logs. */
export const CORRECTION_REASON_ARG = {
  nullable: true,
  description:
    `变更原因 Why (at most ${MAX_REASON_LENGTH} characters), e.g. the ground of a correction; kept ` +
    `in the history of every record this call inserts, updates or restores. ${CONVENTION}`,
} as const;

/** The `reason` argument of a withdrawal: required. */
export const WITHDRAWAL_REASON_ARG = {
  description: `撤回原因 Why (at most ${MAX_REASON_LENGTH} characters); kept in the history. ${CONVENTION}`,
} as const;
