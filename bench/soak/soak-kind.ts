/** What a soak request is answered: its status, size, data and error codes. */
export interface SoakAnswer {
  status: number;
  bytes: number;
  data?: Record<string, unknown>;
  codes: string[];
}

/** What a soak request needs: where to send it, as whom, and how to read the answer. */
export interface SoakContext {
  post(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string | null; operationName?: string; signal?: AbortSignal },
  ): Promise<SoakAnswer>;
  /** Straight to a subgraph, with the gateway's proof unless `proof` is false. */
  postSubgraph(
    subgraph: string,
    query: string,
    variables: Record<string, unknown>,
    options?: { token?: string; proof?: boolean },
  ): Promise<SoakAnswer>;
  /** A token of one role, e.g. `station:330681500001`. */
  token(role: string): Promise<string>;
  stations: string[];
  counties: string[];
  /** Soak stations and cases acknowledged as stored. */
  acknowledgedStations: Set<string>;
  acknowledgedCases: Set<string>;
  next(): number;
}

/** One kind of request and its share of the load; `hostile` ones must be refused as expected. */
export interface SoakKind {
  name: string;
  weight: number;
  hostile: boolean;
  /** Null when the answer is what it should be, else what was wrong. */
  run(context: SoakContext): Promise<string | null>;
}

/** A refusal with `code`, never a 500, and short. */
export function refused(res: SoakAnswer, code: string): string | null {
  if (res.status >= 500) return `HTTP ${res.status}`;
  if (!res.codes.includes(code)) return `expected ${code}, got ${res.codes.join() || 'an answer'}`;
  return res.bytes > 8000 ? `a ${res.bytes}-byte refusal` : null;
}
