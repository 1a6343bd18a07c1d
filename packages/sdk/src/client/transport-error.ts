/** Turns a rejected `fetch` into the SDK's transport errors. */
import { APIConnectionError, APITimeoutError } from '../errors/transport.ts';
import { describeValue } from './options.ts';

/** Error codes of Node's `fetch` (undici, such as `UND_ERR_HEADERS_TIMEOUT`) and sockets (`ETIMEDOUT`) that mean one attempt timed out. */
const TIMEOUT_CODE = /^(UND_ERR_\w+_TIMEOUT|ETIMEDOUT)$/;

/** Fix of every redirect that `fetch` does not follow. The reason in the message names the failure. */
const REDIRECT_FIX = "fetch stopped following the API's redirects; use the base URL of the API itself";

/**
 * Failures of Node's `fetch` that every retry would repeat, by the message of the
 * `cause` of its "fetch failed" TypeError (undici 6 and 7), each with its fix.
 * Every other failure without a response counts as transient.
 */
const FIX_BY_PERMANENT_FAILURE: ReadonlyMap<string, string> = new Map([
  // The fetch standard blocks ports of other protocols, such as 1, 25 and 6000, before any connection.
  ['bad port', 'fetch blocks this port; use a port such as 443'],
  ['unknown scheme', 'fetch sends only http(s) URLs; use an https:// base URL'],
  // A redirect to a URL that is not http(s), or more than 20 redirects.
  ['URL scheme must be a HTTP(S) scheme', REDIRECT_FIX],
  ['redirect count exceeded', REDIRECT_FIX],
]);

/**
 * Wraps what `fetch` rejected with for a request to `url`, or a body read that failed,
 * when the call was not aborted. A timeout of one attempt becomes a retryable
 * `APITimeoutError`. A failure that every retry would repeat, such as a port that
 * `fetch` blocks, becomes an `APIConnectionError` that is not retryable and names the
 * URL and the fix. Anything else becomes a retryable `APIConnectionError`. The original
 * value is the `cause`; it may be anything that a custom `fetch` throws, not only an `Error`.
 */
export function transportError(cause: unknown, url: string): APIConnectionError {
  const inner = cause instanceof Error && cause.cause instanceof Error ? cause.cause : undefined;
  const code = (inner as { code?: unknown } | undefined)?.code ?? (cause as { code?: unknown } | null | undefined)?.code;
  const reason = cause instanceof Error ? cause.message + (inner ? `: ${inner.message}` : '') : `fetch threw ${describeValue(cause)}`;
  if (TIMEOUT_CODE.test(String(code)) || (cause instanceof Error && cause.name === 'TimeoutError')) {
    return new APITimeoutError(`The request timed out: ${reason}`, { cause, retryable: true });
  }

  const fix = cause instanceof TypeError && inner ? FIX_BY_PERMANENT_FAILURE.get(inner.message) : undefined;
  if (fix) {
    // The query string is left out, because it may carry tokens.
    const target = url.replace(/[?#].*/s, '');
    return new APIConnectionError(`The request to ${target} failed, and a retry would fail too (${reason}): ${fix}`, { cause, retryable: false });
  }
  return new APIConnectionError(`Connection to the API failed: ${reason}`, { cause });
}
