import type { FormattedExecutionResult } from 'graphql';
import { stringifyResult } from '../../../platform/json-answer';
import { answerInBytes } from '../../../platform/serialized-answer';

/**
 * An answer written as its UTF-8 bytes, one character a byte (a "byte string"), rather than as
 * its text. A province board's rows answer repeats the scheme's Chinese labels on every row:
 * one such label makes V8's JSON.stringify write the whole 3 million characters as two bytes
 * each (~5 ms more than one byte each), and Node then encodes every character again to send
 * them. When every string of an answer's data is a byte string, its JSON is one too, in one
 * byte a character, and the bytes are sent as they are (platform/serialized-answer.ts).
 *
 * JSON.stringify writes a character above U+007F as it is, so a string's byte string makes the
 * bytes the string's JSON would: quotes, backslashes and control characters, all ASCII, are
 * escaped as before, and a lone surrogate, which it escapes in ASCII, is kept as it is.
 */

/** The non-ASCII strings made bytes: labels recur on every row, a few hundred a board. */
const made = new Map<string, string>();
/** Past this many the map starts again: strings that never recur must not pile up. */
const MADE_AT_MOST = 10_000;

const LONE_SURROGATE = /\p{Cs}/u;

const bytesOf = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

/** A string as its UTF-8 bytes, one character a byte; its lone surrogates as they are. */
export function byteString(text: string): string {
  for (let i = 0; i < text.length; i += 1) {
    if (text.charCodeAt(i) > 0x7f) return nonAsciiBytes(text);
  }
  return text;
}

function nonAsciiBytes(text: string): string {
  let bytes = made.get(text);
  if (bytes === undefined) {
    bytes = LONE_SURROGATE.test(text)
      ? Array.from(text, (c) => (LONE_SURROGATE.test(c) ? c : bytesOf(c))).join('')
      : bytesOf(text);
    if (made.size >= MADE_AT_MOST) made.clear();
    made.set(text, bytes);
  }
  return bytes;
}

/** Data whose every string is a byte string: only the executor that made it says so. */
const inBytes = new WeakSet<object>();

/** Declares that every string of `data` is a byte string (compiled-execution.ts). */
export function dataInBytes(data: object): void {
  inBytes.add(data);
}

/**
 * The JSON of an answer, as JSON.stringify writes it; as a byte string, declared to the HTTP
 * layer, when its data was made of byte strings. The rest (errors, extensions) is made bytes
 * whole: it is small, and a plugin may have replaced the data since (answer-budget.ts), in
 * which case the answer is written as text.
 */
export function stringifyAnswer(result: FormattedExecutionResult): string {
  if (!result.data || !inBytes.has(result.data)) return stringifyResult(result);
  const members: string[] = [];
  for (const [key, value] of Object.entries(result)) {
    const json = JSON.stringify(value) as string | undefined;
    if (json !== undefined)
      members.push(`${JSON.stringify(key)}:${key === 'data' ? json : bytesOf(json)}`);
  }
  const text = `{${members.join(',')}}`;
  // Outside a request (there is none to declare it to), the answer's text: its bytes decoded.
  return answerInBytes(text) ? text : Buffer.from(text, 'latin1').toString('utf8');
}
