/** Whether to retry after an error, and how long to wait: one rule per line, each with its reason. */
import type { AgnesError } from '../errors/agnes-error.ts';
import { APIError } from '../errors/api-error.ts';
import { backoffBounds } from './backoff.ts';
import { retryAfterMs } from './retry-after.ts';

/** Methods that may change state on every call; retried only with an idempotency key. */
const NON_IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['POST', 'PATCH', 'DELETE']);

/** Facts about the call that the decision needs. */
export interface RetryContext {
  /** HTTP method of the request, in upper case. */
  method: string;
  /** Whether the request carries an `Idempotency-Key` header. */
  hasIdempotencyKey: boolean;
  /** Number of the retry under consideration: 1 after the first attempt failed. */
  retry: number;
  /** Retries allowed for one call. */
  maxRetries: number;
  /** Largest server hint to wait for, in milliseconds; a longer hint ends the retries. */
  maxRetryAfterMs: number;
  /** Current time in milliseconds since the epoch, for `Retry-After` dates. */
  now: number;
}

/** The outcome: stop with a reason, or retry after a delay between the bounds, in milliseconds. */
export type RetryDecision =
  | { retry: false; reason: string }
  | { retry: true; reason: string; minDelayMs: number; maxDelayMs: number };

/**
 * Decides whether the client sends the request again after `error`. The retry budget
 * and the call's remaining time are checked by the client, after this decision.
 */
export function decideRetry(error: AgnesError, context: RetryContext): RetryDecision {
  // Aborts, whole-call timeouts, unexpected 2xx pages and non-transient codes cannot succeed on a retry.
  if (!error.retryable) return stopRetry('the error is not retryable');
  // Sending a POST, PATCH or DELETE twice could apply it twice; an idempotency key lets the server deduplicate.
  if (NON_IDEMPOTENT_METHODS.has(context.method) && !context.hasIdempotencyKey) {
    return stopRetry(`${context.method} is retried only with an idempotency key`);
  }
  // maxRetries bounds the attempts of one call.
  if (context.retry > context.maxRetries) return stopRetry(`no retry left (maxRetries is ${context.maxRetries})`);

  // A server hint wins over backoff, because the server can tell when it will accept the request again.
  const hint = error instanceof APIError ? retryAfterMs(error, context.now) : undefined;
  // Without a hint, exponential backoff with jitter spreads the retries of many clients.
  if (hint === undefined) return { retry: true, reason: 'backoff', ...backoffBounds(context.retry) };
  // A hint above the cap means a long outage or a quota: surface the error instead of hanging.
  // NOTE: a hint of 1e21 ms or more is shown in exponent notation, such as 1e+33.
  if (hint > context.maxRetryAfterMs) return stopRetry(`the server hint of ${hint} ms exceeds maxRetryAfter (${context.maxRetryAfterMs} ms)`);
  return { retry: true, reason: 'server hint', minDelayMs: hint, maxDelayMs: hint };
}

/** Builds the decision not to retry, with the reason that the log entry of the attempt carries. */
export function stopRetry(reason: string): RetryDecision {
  return { retry: false, reason };
}
