import { must, type Problem } from '../kit/records/batch-checks';
import { DisputeOutcome } from './enums';
import type { CaseInput, DisputeInput } from './record-inputs';

/** A case's own checks, beyond every record's (externalId, stationCode). */
export function caseProblems(c: CaseInput, today: string): (Problem | null)[] {
  const problems = [must.beDay('filedOn', c.filedOn, today)];
  if (c.solvedOn != null) {
    problems.push(
      must.beDay('solvedOn', c.solvedOn, today),
      must.notBeBefore('solvedOn', c.solvedOn, c.filedOn, 'filedOn'),
    );
  }
  return problems;
}

/** A dispute's own checks: closed exactly when it has an outcome, never before it was received. */
export function disputeProblems(d: DisputeInput, today: string): (Problem | null)[] {
  const problems = [must.beDay('receivedOn', d.receivedOn, today)];
  const pending = d.outcome === DisputeOutcome.PENDING;
  if (d.closedOn == null) {
    if (!pending) {
      problems.push({
        field: 'closedOn',
        value: null,
        reason: `is required once the outcome is ${d.outcome}`,
      });
    }
    return problems;
  }
  if (pending) {
    problems.push({
      field: 'closedOn',
      value: d.closedOn,
      reason: 'must be empty while the outcome is PENDING',
    });
  }
  problems.push(
    must.beDay('closedOn', d.closedOn, today),
    must.notBeBefore('closedOn', d.closedOn, d.receivedOn, 'receivedOn'),
  );
  return problems;
}
