import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import { limitsEnv } from '../../../platform/config';
import { codedError } from '../../../platform/errors';
import { currentRequest, type RequestScope } from '../../../platform/request-scope';

/**
 * How much one request may read from PostgreSQL: the rows and the bytes of the rows (as the
 * server sends them) of all its statements together. An answer is built from what was read, so
 * this bounds the answer before it is built, whatever shape reached it: many aliases of a
 * listing, a long history, representations full of stations. The costliest listed operations
 * read a tenth of the defaults (docs/security.md, "The answer budget").
 */
export interface AnswerBudgetLimits {
  rows: number;
  bytes: number;
}

const DEFAULT_ANSWER_BUDGET: AnswerBudgetLimits = {
  rows: 200_000,
  bytes: 64 * 1024 * 1024,
};

/** The environment variable that sets each part of the budget. */
const ANSWER_BUDGET_VARIABLES: Record<keyof AnswerBudgetLimits, string> = {
  rows: 'MAX_ANSWER_ROWS',
  bytes: 'MAX_ANSWER_BYTES',
};

export function answerBudgetFromEnv(): AnswerBudgetLimits {
  return limitsEnv(DEFAULT_ANSWER_BUDGET, ANSWER_BUDGET_VARIABLES);
}

/** What one request has read so far, against its limits. */
export class AnswerBudget {
  rows = 0;
  bytes = 0;
  /** The part of the budget the request went past, once it has. */
  exceeded: keyof AnswerBudgetLimits | undefined;

  constructor(readonly limits: AnswerBudgetLimits) {}

  /** Counts one row of `bytes`; false once the request is over its budget. */
  take(bytes: number): boolean {
    this.rows += 1;
    this.bytes += bytes;
    if (this.exceeded) return false;
    if (this.rows > this.limits.rows) this.exceeded = 'rows';
    else if (this.bytes > this.limits.bytes) this.exceeded = 'bytes';
    return this.exceeded === undefined;
  }

  /** ANSWER_TOO_LARGE, naming the variable of the part exceeded and its limit. */
  refusal(): GraphQLError {
    const part = this.exceeded ?? 'rows';
    const variable = ANSWER_BUDGET_VARIABLES[part];
    const unit = part === 'rows' ? 'rows' : 'bytes';
    return codedError(
      'ANSWER_TOO_LARGE',
      `the answer would hold more than ${this.limits[part]} ${unit} read from the database ` +
        `(${variable}); nothing of it was sent: ask for fewer or smaller lists`,
      { limit: variable, max: this.limits[part] },
    );
  }
}

const budgets = new WeakMap<RequestScope, AnswerBudget>();

/** The budget of the request in scope, opened with `limits` at its first statement. */
export function requestBudget(limits: AnswerBudgetLimits): AnswerBudget | undefined {
  const scope = currentRequest();
  if (!scope) return undefined;
  let budget = budgets.get(scope);
  if (!budget) {
    budget = new AnswerBudget(limits);
    budgets.set(scope, budget);
  }
  return budget;
}

/**
 * Refuses the whole answer of a request that went past its budget: whatever fields resolved
 * before it did are dropped, so a caller never takes a truncated answer for a whole one.
 */
export function answerBudgetPlugin(): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ response }) {
          const scope = currentRequest();
          const budget = scope && budgets.get(scope);
          if (budget?.exceeded && response.body.kind === 'single') {
            const { message, extensions } = budget.refusal();
            response.body.singleResult = { data: null, errors: [{ message, extensions }] };
          }
          return Promise.resolve();
        },
      });
    },
  };
}
