import type { FormattedExecutionResult } from 'graphql';

/**
 * Apollo Server's `stringifyResult` for every service: the answer as bare JSON. Apollo's default
 * writes the JSON and a newline, a concatenation V8 must flatten before Node can count and encode
 * its bytes: copying a province board's 3.3 MB answer again, as a two-byte string (its labels are
 * Chinese). Neither the gateway nor a browser needs the newline.
 */
export function stringifyResult(result: FormattedExecutionResult): string {
  return JSON.stringify(result);
}
