import { currentRequest, type RequestScope } from './request-scope';

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
 * What the HTTP layer writes for Apollo Server's `string`: the bytes given to `sendBytes` if any,
 * else the string made bytes, which `keep` receives. Made bytes here even when no one keeps them:
 * Node writes a Buffer as it is, where a string is measured for `Content-Length` and then encoded
 * on the way to the socket, which for a province board's 3.3 MB answer costs twice the CPU.
 */
export function answerBody(string: string): Buffer {
  const scope = currentRequest();
  const answer = scope && answers.get(scope);
  if (answer?.bytes) return answer.bytes;
  const bytes = Buffer.from(string);
  answer?.keep?.(bytes);
  return bytes;
}
