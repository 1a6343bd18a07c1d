/** Request ids: kept from a valid inbound `X-Request-Id`, generated otherwise. */
import { randomUUID } from 'node:crypto';

/** Header that carries the request id, in both directions. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** Longest inbound request id that is kept, in characters. */
export const MAX_REQUEST_ID_LENGTH = 128;

/** Characters of a request id that is kept: the envelope's `request_id` pattern. */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]+$/;

/**
 * Returns whether a value may be used as a request id: a string of 1 to 128 characters from
 * `A-Z a-z 0-9 . _ : -`. Such an id is safe in a header, a log line and the envelope.
 */
export function isValidRequestId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_REQUEST_ID_LENGTH && REQUEST_ID_PATTERN.test(value);
}

/** Generates a fresh request id (a random UUID). */
export function generateRequestId(): string {
  return randomUUID();
}

/**
 * Returns the inbound request id when it is valid, and a fresh one otherwise. A header sent twice
 * arrives as an array or as a comma-joined string, and both are replaced.
 */
export function resolveRequestId(
  inbound: string | readonly string[] | null | undefined,
  generate: () => string = generateRequestId,
): string {
  return isValidRequestId(inbound) ? inbound : generate();
}
