/** The server's hint of how long to wait before a retry. */
import type { APIError } from '../errors/api-error.ts';
import { RETRY_POLICY_BY_CODE, type ErrorCode } from '../generated/errors.ts';
import { parseHttpDate } from './http-date.ts';

/** A non-negative integer, as delay-seconds is defined; signs, fractions and exponents are not. */
const DIGITS = /^\d+$/;

/**
 * Returns the delay that the server requests, in milliseconds, or `undefined` when it
 * sends no usable hint. Sources, first usable one wins:
 * 1. `retry-after-ms`: integer milliseconds;
 * 2. `Retry-After`: integer seconds, or an HTTP-date (a date in the past gives 0);
 * 3. the param that the code's retry policy names (`afterParam`), integer seconds.
 * A negative, fractional, junk or NaN value counts as absent.
 */
export function retryAfterMs(error: APIError, now: number): number | undefined {
  // A missing header reads as "null", which is neither digits nor an HTTP-date.
  const milliseconds = String(error.headers.get('retry-after-ms')).trim();
  if (DIGITS.test(milliseconds)) return Number(milliseconds);

  const retryAfter = String(error.headers.get('retry-after')).trim();
  if (DIGITS.test(retryAfter)) return Number(retryAfter) * 1000;
  const date = parseHttpDate(retryAfter, now);
  if (date !== undefined) return Math.max(0, date - now);

  const afterParam = error.isKnownCode ? RETRY_POLICY_BY_CODE[error.code as ErrorCode].afterParam : undefined;
  const seconds = afterParam && error.params[afterParam];
  return typeof seconds === 'number' && Number.isSafeInteger(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
