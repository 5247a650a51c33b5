import type { PrepareStep } from './scenarios';

/**
 * Sends, once and through our gateway, what the chosen scenarios need done before they are
 * measured (e.g. publishing the boards the published-board scenarios read), each request once
 * however many scenarios ask for it. A failure stops the run: the figures would be of errors.
 */
export async function prepareScenarios(
  gatewayUrl: string,
  scenarios: readonly { prepare?: readonly PrepareStep[] }[],
  token: (role: string) => Promise<string>,
): Promise<void> {
  const done = new Set<string>();
  for (const step of scenarios.flatMap((s) => s.prepare ?? [])) {
    const body = JSON.stringify({ query: step.operation, variables: step.variables });
    if (done.has(body)) continue;
    done.add(body);
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await token(step.role)}`,
      },
      body,
    });
    const answer = (await response.json()) as { errors?: { message: string }[] };
    if (answer.errors) {
      throw new Error(`preparing the scenarios failed: ${answer.errors[0]?.message ?? ''}`);
    }
  }
}
