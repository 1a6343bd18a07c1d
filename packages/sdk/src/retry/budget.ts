/**
 * A retry budget shared by the calls of a client: a token bucket as in the standard retry
 * mode of the AWS SDKs. Each retry takes tokens and each success gives some back, so when
 * most calls fail the bucket empties and calls stop retrying, instead of multiplying the
 * load on a struggling server.
 */
import type { AgnesError } from '../errors/agnes-error.ts';
import { APITimeoutError } from '../errors/transport.ts';
import { checkOption } from '../client/options.ts';

/** Settings of a `RetryBudget`. */
export interface RetryBudgetOptions {
  /** Tokens in a full bucket. @default 500 */
  capacity?: number;
  /** Tokens that a retry takes. @default 5 */
  retryCost?: number;
  /** Tokens that a retry after a timeout takes; timeouts hint at overload, so they cost more. @default 10 */
  timeoutRetryCost?: number;
  /** Tokens that a call which succeeds at its first attempt gives back. @default 1 */
  successReward?: number;
}

/** A token bucket that retries draw from; share one instance between clients to share the budget. */
export class RetryBudget {
  // Fields set in the constructor are `declare`d, so that the bundle defines no class fields for them.
  declare readonly capacity: number;
  declare private tokens: number;
  declare private readonly retryCost: number;
  declare private readonly timeoutRetryCost: number;
  declare private readonly successReward: number;

  /** @throws {InvalidOptionError} when a setting is not a finite number of at least 0. */
  constructor(options: RetryBudgetOptions = {}) {
    this.capacity = setting('capacity', options.capacity ?? 500);
    this.retryCost = setting('retryCost', options.retryCost ?? 5);
    this.timeoutRetryCost = setting('timeoutRetryCost', options.timeoutRetryCost ?? 10);
    this.successReward = setting('successReward', options.successReward ?? 1);
    this.tokens = this.capacity;
  }

  /** Tokens left. */
  get available(): number {
    return this.tokens;
  }

  /** Takes the tokens for a retry after `error`; returns how many, or `undefined` when the bucket has too few. */
  acquire(error: AgnesError): number | undefined {
    const cost = error instanceof APITimeoutError ? this.timeoutRetryCost : this.retryCost;
    if (cost > this.tokens) return undefined;
    this.tokens -= cost;
    return cost;
  }

  /** Records a successful call: refunds the cost of the retry that succeeded, or adds the reward for a first-attempt success. */
  recordSuccess(lastRetryCost: number | undefined): void {
    this.tokens = Math.min(this.capacity, this.tokens + (lastRetryCost ?? this.successReward));
  }
}

function setting(name: string, value: number): number {
  return checkOption(`retry budget ${name}`, value, typeof value === 'number' && Number.isFinite(value) && value >= 0, 'a finite number of tokens, 0 or more');
}
