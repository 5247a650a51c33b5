import { coded } from './errors.js';

/**
 * SchemeKeys exactly as the platform lists it (schema/operations/subgraphs.graphql): the
 * gateway's safelist knows an operation by its exact text.
 */
const SCHEME_KEYS = `query SchemeKeys($id: ID!) {
  assessmentScheme(id: $id) {
    indicators {
      key
    }
    deductions {
      key
    }
    vetoes {
      key
    }
  }
}`;

/** Published scheme versions never change: their keys are kept, at most this many. */
const KEPT = 1000;
const kept = new Map();

async function ask(gatewayUrl, schemeId, caller) {
  let answer;
  try {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(caller.authorization ? { authorization: caller.authorization } : {}),
        ...(caller.requestId ? { 'x-request-id': caller.requestId } : {}),
      },
      body: JSON.stringify({
        query: SCHEME_KEYS,
        variables: { id: schemeId },
        operationName: 'SchemeKeys',
      }),
      signal: AbortSignal.timeout(10_000),
    });
    answer = await response.json();
  } catch {
    throw coded('SUBGRAPH_UNAVAILABLE', 'the scheme could not be asked through the gateway', {
      subgraph: 'assessment',
    });
  }
  const [first] = answer.errors ?? [];
  if (first || !answer.data) {
    const code = first?.extensions?.code;
    throw coded(
      typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR' ? code : 'SUBGRAPH_UNAVAILABLE',
      `assessment: ${first?.message ?? 'no answer'}`,
      {
        subgraph: 'assessment',
      },
    );
  }
  const scheme = answer.data.assessmentScheme;
  if (!scheme) {
    throw coded(
      'BAD_USER_INPUT',
      `schemeId ${JSON.stringify(schemeId)} is not a published scheme`,
      {
        field: 'schemeId',
      },
    );
  }
  return new Set([...scheme.indicators, ...scheme.deductions, ...scheme.vetoes].map((i) => i.key));
}

/**
 * The keys a scheme version uses (scored, deducted or vetoed), learnt from the graph by the
 * board's schemeId as the caller, never from the representation. A failed ask is not kept.
 */
export function schemeKeys(gatewayUrl, schemeId, caller) {
  const known = kept.get(schemeId);
  if (known) return known;
  if (kept.size >= KEPT) kept.clear();
  const asked = ask(gatewayUrl, schemeId, caller);
  kept.set(schemeId, asked);
  asked.catch(() => kept.delete(schemeId));
  return asked;
}
