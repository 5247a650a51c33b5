import { currentRequest, type RequestScope } from './request-scope';
import { utf8Bytes } from './utf8-bytes';

/**
 * A GraphQL answer handled as the bytes the client receives (platform/http.ts). The gateway's
 * response cache keeps its answers so: a kept answer is written as it is, with no object graph
 * to hold nor JSON to make again, and a new one is kept as exactly the bytes its client got.
 */
interface SerializedAnswer {
  /** Sent in place of the string Apollo Server made, which is then a stand-in. */
  bytes?: Buffer;
  /** Receives the bytes of the answer sent. */
  keep?: (bytes: Buffer) => void;
  /** The string made for the answer when it holds its UTF-8 bytes, one character a byte. */
  inBytes?: string;
}

const answers = new WeakMap<RequestScope, SerializedAnswer>();

function answerInScope(): SerializedAnswer | undefined {
  const scope = currentRequest();
  if (!scope) return undefined;
  let answer = answers.get(scope);
  if (!answer) {
    answer = {};
    answers.set(scope, answer);
  }
  return answer;
}

/** Answers the request in scope with these bytes, whatever string Apollo Server makes. */
export function sendBytes(bytes: Buffer): void {
  const answer = answerInScope();
  if (answer) answer.bytes = bytes;
}

/** Hands `keep` the bytes of the request's answer once they are made. */
export function keepBytes(keep: (bytes: Buffer) => void): void {
  const answer = answerInScope();
  if (answer) answer.keep = keep;
}

/**
 * Declares that `text`, the string made for the request's answer, holds the answer's UTF-8
 * bytes, one character a byte (subgraphs/kit/service/byte-answer.ts): it is sent as they are.
 * False outside a request, where nobody would read the declaration.
 */
export function answerInBytes(text: string): boolean {
  const answer = answerInScope();
  if (answer) answer.inBytes = text;
  return answer !== undefined;
}

/**
 * What the HTTP layer writes for Apollo Server's `string` and status: for a success, the bytes
 * given to `sendBytes` if any (a refusal is Apollo's own, whatever was planned for the answer
 * before it); else the string's bytes, handed to whoever keeps them.
 */
export function answerBody(string: string, status: number): Buffer {
  const scope = currentRequest();
  const answer = scope && answers.get(scope);
  if (status === 200 && answer?.bytes) return answer.bytes;
  const inBytes = answer?.inBytes === string;
  if (status !== 200 || !answer?.keep) {
    return inBytes ? Buffer.from(string, 'latin1') : utf8Bytes(string);
  }
  // Kept as long as the answer is: no more room than its bytes.
  const bytes = Buffer.from(string, inBytes ? 'latin1' : 'utf8');
  answer.keep(bytes);
  return bytes;
}
