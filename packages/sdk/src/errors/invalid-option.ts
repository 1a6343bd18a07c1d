/** An option of the client, of a request or of a retry budget that cannot work. */
import { AgnesError } from './agnes-error.ts';

/**
 * An invalid option, thrown before any request is sent: by `new Agnes(...)`, by
 * `new RetryBudget(...)`, and by `agnes.request(...)` for a path, body, header or
 * method that `fetch` would reject. The message names the option, the value and what
 * is expected. It is never retried.
 */
export class InvalidOptionError extends AgnesError {
  override name = 'InvalidOptionError';
}
