/** Failures where no HTTP response arrived: connection errors, timeouts and aborts. */
import { AgnesError } from './agnes-error.ts';

/**
 * The request could not be sent or its response could not be read, such as a refused or
 * reset connection. It is retryable, except when `fetch` rejected the request before
 * sending it for a reason that a retry cannot change, such as a port that `fetch` blocks.
 */
export class APIConnectionError extends AgnesError {
  override name = 'APIConnectionError';
  declare readonly retryable: boolean;

  constructor(message: string, options: ErrorOptions & { retryable?: boolean } = {}) {
    super(message, options);
    this.retryable = options.retryable ?? true;
  }
}

/**
 * The request timed out. The client's `timeout` covers the whole call, so a call that
 * reaches it is not retried and `retryable` is false. A socket timeout of one attempt,
 * raised by `fetch`, is retryable.
 */
export class APITimeoutError extends APIConnectionError {
  override name = 'APITimeoutError';
}

/** The caller aborted the request through its `AbortSignal`; never retried. */
export class APIUserAbortError extends AgnesError {
  override name = 'APIUserAbortError';
}
