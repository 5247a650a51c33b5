import { CriticalityLevel, diff, DiffRule, type Change } from '@graphql-inspector/core';
import type { GraphQLSchema } from 'graphql';

/**
 * How a change to the API schema reaches the clients of the gateway, in GraphQL Inspector's
 * terms: `breaking` fails a query that works today (a field or an argument removed, a type
 * narrowed), `dangerous` keeps every query valid but may surprise a client (an enum value
 * added, a default changed), `safe` is invisible to existing queries (a field added).
 */
type Severity = 'breaking' | 'dangerous' | 'safe';

export interface SchemaChange {
  severity: Severity;
  /** Inspector's change type, e.g. FIELD_REMOVED. */
  type: string;
  /** The schema coordinate changed, e.g. AssessmentRow.vetoed. */
  path?: string;
  message: string;
  /** Why a change is breaking or dangerous, where Inspector says. */
  reason?: string;
}

const SEVERITY: Record<CriticalityLevel, Severity> = {
  [CriticalityLevel.Breaking]: 'breaking',
  [CriticalityLevel.Dangerous]: 'dangerous',
  [CriticalityLevel.NonBreaking]: 'safe',
};

const ORDER: readonly Severity[] = ['breaking', 'dangerous', 'safe'];

const asChange = (change: Change): SchemaChange => ({
  severity: SEVERITY[change.criticality.level],
  type: change.type as string,
  path: change.path,
  message: change.message,
  reason: change.criticality.reason,
});

/**
 * The changes from one API schema to the next, the most severe first. A type added is one
 * change, not one more for each of its fields.
 */
export async function schemaChanges(
  before: GraphQLSchema,
  after: GraphQLSchema,
): Promise<SchemaChange[]> {
  const changes = await diff(before, after, [DiffRule.simplifyChanges]);
  return changes
    .map(asChange)
    .sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity));
}

/**
 * One line a change, its severity first. Only a dangerous change says why: what makes a change
 * breaking is plain from its message, what makes one dangerous is not.
 */
export function describeChanges(changes: readonly SchemaChange[]): string {
  return changes
    .map((c) => {
      const why = c.severity === 'dangerous' && c.reason ? ` (${c.reason})` : '';
      return `  ${c.severity.padEnd(9)} ${c.message}${why}`;
    })
    .join('\n');
}
