/**
 * Requests whose error response the `clientError` listener has already written. When a request's
 * body fails to parse, Node reports it to that listener, and the framework later gets an error from
 * the same body. A mark on the request tells the adapters not to render and log a second error for it.
 */
import type { IncomingMessage } from 'node:http';

/** Key of the mark; `Symbol.for` makes it the same in the ESM and the CommonJS build. */
const ANSWERED = Symbol.for('@agnes/errors-server.answeredByClientErrorListener');

type MarkedRequest = IncomingMessage & { [ANSWERED]?: true };

/** Marks a request whose error response the `clientError` listener has written. */
export function markAnswered(request: IncomingMessage): void {
  (request as MarkedRequest)[ANSWERED] = true;
}

/** Returns whether the `clientError` listener has written the error response of a request. */
export function wasAnswered(request: IncomingMessage | undefined): boolean {
  return (request as MarkedRequest | undefined)?.[ANSWERED] === true;
}
