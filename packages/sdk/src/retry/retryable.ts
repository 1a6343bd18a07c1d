/** Transient error responses: the registry's retry policies, and the statuses that mean "try again later". */
import type { CodeRetryPolicy } from '../generated/errors.ts';

/** Statuses that gateways and servers send for transient failures; retried when the body has no known code. */
export const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([408, 429, 502, 503, 504]);

/** Checks whether an error response is transient; `policy` is the retry policy of the envelope's code when the registry lists it. */
export function isRetryableResponse(status: number, policy: CodeRetryPolicy | undefined): boolean {
  // A 403 needs a permission change, so no retry can succeed, even when the code's policy is retryable.
  if (status === 403) return false;
  // A known code carries its own retry policy from the registry.
  if (policy !== undefined) return policy.retryable;
  // Without a known code, only the statuses that mean "try again later" are retried.
  return TRANSIENT_STATUSES.has(status);
}
