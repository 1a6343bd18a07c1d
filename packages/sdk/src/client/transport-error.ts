/** Turns a rejected `fetch` into the SDK's transport errors. */
import { APIConnectionError, APITimeoutError } from '../errors/transport.ts';

/** Error codes of Node's `fetch` (undici) and sockets that mean one attempt timed out. */
const TIMEOUT_CODES: ReadonlySet<unknown> = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/**
 * Wraps what `fetch` rejected with, or a body read that failed, when the call was not
 * aborted: a timeout of one attempt becomes a retryable `APITimeoutError`, anything else
 * an `APIConnectionError`. The original value is the `cause`; it may be anything that a
 * custom `fetch` throws, not only an `Error`.
 */
export function transportError(cause: unknown): APIConnectionError {
  const inner = cause instanceof Error && cause.cause instanceof Error ? cause.cause : undefined;
  const code = (inner as { code?: unknown } | undefined)?.code ?? (cause as { code?: unknown } | null | undefined)?.code;
  const reason = cause instanceof Error ? cause.message + (inner ? `: ${inner.message}` : '') : describeValue(cause);
  if (TIMEOUT_CODES.has(code) || (cause instanceof Error && cause.name === 'TimeoutError')) {
    return new APITimeoutError(`The request timed out: ${reason}`, { cause, retryable: true });
  }
  return new APIConnectionError(`Connection to the API failed: ${reason}`, { cause });
}

/** Describes a thrown value that is not an `Error`, without calling its own methods. */
function describeValue(value: unknown): string {
  return typeof value === 'string' ? value : `fetch threw a ${value === null ? 'null' : typeof value} value`;
}
