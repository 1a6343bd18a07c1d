/** Exponential backoff with jitter, for retries without a server hint. */

/** Base delay of the first retry, in milliseconds; it doubles with each retry. */
export const BACKOFF_BASE_MS = 1000;
/** Largest base delay, in milliseconds. */
export const BACKOFF_MAX_MS = 8000;

/**
 * Returns the delay bounds of retry number `retry` (1 for the first retry). The base
 * doubles from 1 s up to 8 s, and the delay is drawn between half the base and the base
 * ("equal jitter"). So delays range from 0.5 s to 8 s, and clients that failed together
 * spread their retries.
 */
export function backoffBounds(retry: number): { minDelayMs: number; maxDelayMs: number } {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, retry - 1));
  return { minDelayMs: base / 2, maxDelayMs: base };
}
