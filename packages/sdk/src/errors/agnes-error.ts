/** The base class of every error that the SDK throws or returns. */

/**
 * Brand on every SDK error. `Symbol.for` returns the same symbol in every copy of
 * the package, so `isAgnesError` works where `instanceof` fails, such as when a
 * bundle and its host each load their own copy.
 */
export const AGNES_ERROR_BRAND: unique symbol = Symbol.for('@agnes/sdk.error');

/**
 * Base of everything the SDK throws: API errors (an HTTP response) and transport
 * failures (connection, timeout, abort).
 */
export class AgnesError extends Error {
  override name = 'AgnesError';
  /**
   * Whether this error is transient, so that the client may send the request again.
   * Method, attempt and budget rules still apply before a retry happens.
   */
  readonly retryable: boolean = false;
  readonly [AGNES_ERROR_BRAND] = true;
}
