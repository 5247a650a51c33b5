import { badUserInput, show } from '../../../platform/errors';
import type { GatewayClient } from '../service/gateway-client';

/** Published versions never change, so their keys are kept; at most this many. */
const KEPT = 1000;
const kept = new Map<string, Promise<ReadonlySet<string>>>();

async function ask(graph: GatewayClient, schemeId: string): Promise<ReadonlySet<string>> {
  const { assessmentScheme: scheme } = await graph.query(
    'SchemeKeys',
    { id: schemeId },
    'assessment',
  );
  if (!scheme) {
    throw badUserInput(`schemeId ${show(schemeId)} is not a published scheme`, {
      field: 'schemeId',
      value: schemeId,
    });
  }
  return new Set([...scheme.indicators, ...scheme.deductions, ...scheme.vetoes].map((i) => i.key));
}

/**
 * The indicator keys a scheme version uses (scored, deducted or vetoed): all that a board's
 * department fields may give. Learnt from the graph by the board's key (its schemeId), never
 * from a representation's own list, which whoever sends `_entities` writes; kept per process
 * once known, as a published version never changes. A failed lookup is not kept.
 */
export function schemeKeys(graph: GatewayClient, schemeId: string): Promise<ReadonlySet<string>> {
  const known = kept.get(schemeId);
  if (known) return known;
  if (kept.size >= KEPT) kept.clear();
  const asked = ask(graph, schemeId);
  kept.set(schemeId, asked);
  asked.catch(() => kept.delete(schemeId));
  return asked;
}
