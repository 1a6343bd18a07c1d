/** Turns a rejected `fetch` into the SDK's transport errors. */
import { APIConnectionError, APITimeoutError } from '../errors/transport.ts';

/** Error codes of Node's `fetch` (undici) and sockets that mean one attempt timed out. */
const TIMEOUT_CODES: ReadonlySet<unknown> = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/**
 * Wraps what `fetch` rejected with, or a body read that failed, when the call was not
 * aborted: a timeout of one attempt becomes a retryable `APITimeoutError`, anything else
 * an `APIConnectionError`. The original error is the `cause`.
 */
export function transportError(cause: unknown): APIConnectionError {
  const inner = (cause as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const code = inner?.code ?? (cause as { code?: unknown } | null)?.code;
  const reason = [messageOf(cause), typeof inner?.message === 'string' ? inner.message : undefined].filter(Boolean).join(': ');
  if (TIMEOUT_CODES.has(code) || (cause as { name?: unknown } | null)?.name === 'TimeoutError') {
    return new APITimeoutError(`The request timed out: ${reason}`, { cause, retryable: true });
  }
  return new APIConnectionError(`Connection to the API failed: ${reason}`, { cause });
}

function messageOf(value: unknown): string {
  return value instanceof Error ? value.message : String(value);
}
